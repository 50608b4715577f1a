// Every node, for snapshots.
MATCH (n:Entity)
RETURN properties(n) AS node
