// Anchor: relationships that start at the given nodes (an index seek on Entity.id, then expand).
// The far end needs no label check: every relationship of a domain type joins two Entity nodes
// (store/create-relationships), and at a hub the check is one more read per relationship.
// @param from list of ids the relationship starts at
MATCH (a:Entity) WHERE a.id IN $from
MATCH (a)-[r:{TYPES}]->(b)
