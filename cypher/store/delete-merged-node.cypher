// Remove a node merged into another, once its facts have moved; one that still has a relationship
// makes the statement fail (and the merge roll back) rather than lose it.
// @param nodeId a node id
MATCH (n:Entity {id: $nodeId})
DELETE n
