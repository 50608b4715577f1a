// Anchor: relationships that end at the given nodes.
// @param to list of ids the relationship ends at
MATCH (b:Entity) WHERE b.id IN $to
MATCH (a)-[r:{TYPES}]->(b)
