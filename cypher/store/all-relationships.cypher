// Every fact that holds (some statement counts for it), with its end ids, for snapshots.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.sourceCount > 0
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
