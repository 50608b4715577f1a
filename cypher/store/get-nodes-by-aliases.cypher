// Nodes that hold one of the ids among their aliases (a merge keeps the old id there).
// @param ids list of node ids
UNWIND $ids AS alias
MATCH (n:Entity)
WHERE alias IN n.aliases
RETURN alias, properties(n) AS node
