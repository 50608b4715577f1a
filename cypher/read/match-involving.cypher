// Anchor: relationships with either end among the given nodes (UNION: one between two of them counts once).
// @param involving list of ids at either end
CALL () {
  MATCH (a:Entity) WHERE a.id IN $involving
  MATCH (a)-[r:{TYPES}]->(b)
  RETURN a, r, b
  UNION
  MATCH (b:Entity) WHERE b.id IN $involving
  MATCH (a)-[r:{TYPES}]->(b)
  RETURN a, r, b
}
WITH a, r, b
