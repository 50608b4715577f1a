// Taken first by every write: concurrent loads queue here, so each sees what the previous one
// committed before it decides what is new.
MERGE (m:GraphMeta {key: 'graph'})
SET m.lockedAt = timestamp()
