// Tensions: a pledge to an initiative that needs someone's consent, where that someone warned
// against it or refused it.
MATCH (pledger:Actor)-[pledge:PLEDGED]->(initiative:Initiative)-[:CONDITIONAL_ON]->(condition:Condition)
MATCH (opponent:Actor {id: condition.subject})-[stance:WARNED|REFUSED]->(initiative)
RETURN pledger.name AS pledger, pledge.action AS pledge, initiative.name AS initiative, condition.name AS condition,
  opponent.name AS opponent, type(stance) AS stance, stance.action AS what, stance.quotes AS quotes
ORDER BY pledger
