// Relationships for a list of ids, with their end ids.
// @param ids list of relationship ids
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.id IN $ids
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
