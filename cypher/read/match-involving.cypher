// Anchor: relationships with either end among the given nodes: those that start there, then those
// that end there and do not also start there (so each counts once without a hash of every match).
// @param involving list of ids at either end
CALL () {
  MATCH (a:Entity) WHERE a.id IN $involving
  MATCH (a)-[r:{TYPES}]->(b)
  RETURN a, r, b
  UNION ALL
  MATCH (b:Entity) WHERE b.id IN $involving
  MATCH (a)-[r:{TYPES}]->(b)
  WHERE NOT a.id IN $involving
  RETURN a, r, b
}
WITH a, r, b
