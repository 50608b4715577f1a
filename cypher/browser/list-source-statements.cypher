// Everything a source asserts: each relationship one of its statements makes, with that
// statement's review state and the other sources that assert the same relationship
// (:param sourceId => 'source:coalition-of-the-willing-paris-summit').
// @param sourceId a source id (source:…)
MATCH (a:Entity)-[r]->(b:Entity)
WHERE $sourceId IN r.stmtSources
WITH a, r, b, [i IN range(0, size(r.stmtSources) - 1) WHERE r.stmtSources[i] = $sourceId] AS own
RETURN type(r) AS type, a.name AS from, b.name AS to, r.action AS action, r.sourceCount AS sources,
  [i IN own | r.stmtReview[i]] AS review,
  [s IN r.sourceIds WHERE s <> $sourceId] AS alsoAssertedBy
ORDER BY type, from, to
