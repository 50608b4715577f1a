// Everything a source asserts: each relationship one of its statements makes, with that
// statement's review state and the other sources that assert the same relationship
// (:param sourceId => 'source:coalition-of-the-willing-paris-summit'). A fact of one statement holds
// its values as scalars (stmtSource, stmtState) and its counting source is that one when sourceCount > 0.
// @param sourceId a source id (source:…)
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.stmtSource = $sourceId OR $sourceId IN r.stmtSources
WITH a, r, b, [i IN range(0, coalesce(size(r.stmtSources), 1) - 1) WHERE coalesce(r.stmtSources[i], r.stmtSource) = $sourceId] AS own
RETURN type(r) AS type, a.name AS from, b.name AS to, r.action AS action, r.sourceCount AS sources,
  [i IN own | coalesce(r.stmtReview[i], r.stmtState)] AS review,
  [s IN coalesce(r.sourceIds, CASE WHEN r.sourceCount > 0 THEN [r.stmtSource] END) WHERE s <> $sourceId] AS alsoAssertedBy
ORDER BY type, from, to
