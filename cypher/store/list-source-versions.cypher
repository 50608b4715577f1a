// Every version of a source, oldest first.
// @param sourceId a source id
MATCH (v:SourceVersion {sourceId: $sourceId})
RETURN properties(v) AS version
ORDER BY v.version
