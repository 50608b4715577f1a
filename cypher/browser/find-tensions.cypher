// Tensions: a pledge to an initiative that needs someone's consent, where that someone warned
// against it or refused it.
// Only relationships that hold: some statement a person has not disputed asserts them (sourceCount > 0).
MATCH (pledger:Actor)-[pledge:PLEDGED]->(initiative:Initiative)-[gate:CONDITIONAL_ON]->(condition:Condition)
WHERE pledge.sourceCount > 0 AND gate.sourceCount > 0
MATCH (opponent:Actor {id: condition.subject})-[stance:WARNED|REFUSED]->(initiative)
WHERE stance.sourceCount > 0
RETURN pledger.name AS pledger, pledge.action AS pledge, initiative.name AS initiative, condition.name AS condition,
  opponent.name AS opponent, type(stance) AS stance, stance.action AS what, stance.quotes AS quotes
ORDER BY pledger
