// Closes a compiled read: the version after every part ran (each part aggregates, so it has read
// everything before this row exists). Equal to versionBefore: no write committed during the read.
OPTIONAL MATCH (closeMeta:GraphMeta {key: 'graph'})
RETURN versionBefore, coalesce(closeMeta.version, 0) AS versionAfter, parts
