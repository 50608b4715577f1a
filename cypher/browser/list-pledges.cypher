// Every pledge: who pledged what to whom, how firmly, on which conditions, and the quotes it rests on.
// Only relationships that hold: some statement a person has not disputed asserts them (sourceCount > 0).
MATCH (actor:Actor)-[p:PLEDGED]->(target:Entity)
WHERE p.sourceCount > 0
RETURN actor.name AS actor, p.action AS pledged, target.name AS target, p.firmness AS firmness, p.conditions AS conditions, p.quotes AS quotes
ORDER BY actor, pledged
