// Pledges that depend on a condition that some actor has refused (e.g. a ceasefire Russia dismissed).
MATCH (pledger:Actor)-[pledge:PLEDGED]->(target:Entity)
UNWIND pledge.conditions AS conditionId
MATCH (refuser:Actor)-[refusal:REFUSED]->(condition:Condition {id: conditionId})
RETURN pledger.name AS pledger, pledge.action AS pledge, condition.name AS condition, refuser.name AS refuser, refusal.quotes AS quotes
ORDER BY pledger, pledge
