// Nodes for a list of ids (missing ones are simply absent).
// @param ids list of node ids
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN properties(n) AS node
