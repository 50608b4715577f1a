// Pledges that depend on a condition that some actor has refused (e.g. a ceasefire Russia dismissed).
// Only relationships that hold: some statement a person has not disputed asserts them (sourceCount > 0).
MATCH (pledger:Actor)-[pledge:PLEDGED]->(target:Entity)
WHERE pledge.sourceCount > 0
UNWIND pledge.conditions AS conditionId
MATCH (refuser:Actor)-[refusal:REFUSED]->(condition:Condition {id: conditionId})
WHERE refusal.sourceCount > 0
RETURN pledger.name AS pledger, pledge.action AS pledge, condition.name AS condition, refuser.name AS refuser, refusal.quotes AS quotes
ORDER BY pledger, pledge
