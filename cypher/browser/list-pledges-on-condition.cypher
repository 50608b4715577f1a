// Pledges that depend on a condition (in Browser: :param conditionId => 'condition:ceasefire-in-force').
// @param conditionId the Condition's id
MATCH (actor:Actor)-[p:PLEDGED]->(target:Entity)
WHERE $conditionId IN p.conditions
RETURN actor.name AS actor, p.action AS pledge, target.name AS target, p.firmness AS firmness, p.conditions AS conditions, p.quotes AS quotes
ORDER BY actor
