// Counts writes, so analysis can tell when its snapshot is stale; the lock on this one node
// also serialises concurrent loads.
MERGE (m:GraphMeta {key: 'graph'})
SET m.version = coalesce(m.version, 0) + 1
RETURN m.version AS version
