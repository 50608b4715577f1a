// Record the storage format this version writes.
// @param format the format number
MERGE (m:GraphMeta {key: 'graph'})
SET m.format = $format
