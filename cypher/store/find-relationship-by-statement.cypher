// The fact that holds a statement, with its end ids (null when none does).
// @param statementId a statement id (stmt:…)
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.statementId = $statementId OR $statementId IN r.statementIds
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
LIMIT 1
