// The latest version of each source.
// @param sourceIds list of source ids
UNWIND $sourceIds AS sourceId
MATCH (v:SourceVersion {sourceId: sourceId})
WITH sourceId, v ORDER BY v.version DESC
WITH sourceId, collect(v)[0] AS latest
RETURN properties(latest) AS version
