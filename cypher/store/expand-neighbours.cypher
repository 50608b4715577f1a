// One hop of a neighbourhood: ids next to the frontier over relationships of the given types.
// @param frontier list of node ids
// @param types list of relationship types, or null
MATCH (n:Entity)-[r]-(m:Entity)
WHERE n.id IN $frontier
  AND ($types IS NULL OR type(r) IN $types)
RETURN DISTINCT m.id AS id
