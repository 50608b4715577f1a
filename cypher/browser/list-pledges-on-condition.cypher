// Pledges that depend on a condition (in Browser: :param conditionId => 'condition:ceasefire-in-force').
// Only relationships that hold: some statement a person has not disputed asserts them (sourceCount > 0).
// @param conditionId the Condition's id
MATCH (actor:Actor)-[p:PLEDGED]->(target:Entity)
WHERE $conditionId IN p.conditions AND p.sourceCount > 0
RETURN actor.name AS actor, p.action AS pledge, target.name AS target, p.firmness AS firmness, p.conditions AS conditions, p.quotes AS quotes
ORDER BY actor
