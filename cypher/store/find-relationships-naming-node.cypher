// Every fact that names a node: as an end, a condition, a speaker (statedBy) or a quote's speaker
// (a merge moves them all; merges are rare, so the scan of the lists is acceptable).
// @param nodeId a node id
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id = $nodeId
  OR b.id = $nodeId
  OR $nodeId IN coalesce(r.conditions, [])
  OR $nodeId IN coalesce(r.statedBy, [])
  OR $nodeId IN coalesce(r.speakerIds, [])
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
