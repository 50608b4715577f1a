// Anchor: relationships that start at the given nodes (an index seek on Entity.id, then expand).
// @param from list of ids the relationship starts at
MATCH (a:Entity) WHERE a.id IN $from
MATCH (a)-[r:{TYPES}]->(b:Entity)
