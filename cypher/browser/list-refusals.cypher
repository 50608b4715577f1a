// Every refusal: who refused what, how firmly, and the quotes it rests on.
// Only relationships that hold: some statement a person has not disputed asserts them (sourceCount > 0).
MATCH (actor:Actor)-[r:REFUSED]->(target:Entity)
WHERE r.sourceCount > 0
RETURN actor.name AS actor, r.action AS refused, target.name AS target, r.firmness AS firmness, r.quotes AS quotes
ORDER BY actor, refused
