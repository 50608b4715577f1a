// Nodes a merge kept that hold one of the ids among their aliases (the ids it retired); only
// merged nodes carry the Merged label, so this reads few nodes however large the graph.
// @param ids list of node ids
MATCH (n:Merged)
WHERE any(alias IN n.aliases WHERE alias IN $ids)
RETURN properties(n) AS node
