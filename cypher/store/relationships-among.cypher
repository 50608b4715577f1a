// The relationships between nodes of a set (a neighbourhood's edges).
// @param ids list of node ids
// @param types list of relationship types, or null
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id IN $ids
  AND b.id IN $ids
  AND ($types IS NULL OR type(r) IN $types)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
