// Remove a source's versions and its node (its statements were removed from their facts first).
// @param sourceId a source id
OPTIONAL MATCH (v:SourceVersion {sourceId: $sourceId})
DELETE v
WITH count(*) AS versions
OPTIONAL MATCH (s:Source {id: $sourceId})
DETACH DELETE s
RETURN versions
