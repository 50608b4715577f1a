// The conditions whose subject names one of these ids: a node a merge retires, or a fact whose id
// the merge changes (a condition of kind commitment names a relationship id).
// @param subjects list of node or relationship ids
MATCH (n:Condition)
WHERE n.subject IN $subjects
RETURN properties(n) AS node
