// Every relationship with its end ids, for snapshots.
MATCH (a:Entity)-[r]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
