// Stored relationships for rows of {id, from, to}: found from their start node, so the lookup
// uses the id constraint instead of scanning every relationship.
// @param rows list of {id, from, to}
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})-[r]->(b:Entity {id: row.to})
WHERE r.id = row.id
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
