// Relationships with a statement a person disputed: who disputed which source's statement and
// why, and how many sources still assert the relationship (0: it no longer holds).
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.disputed
UNWIND [i IN range(0, size(r.stmtReview) - 1) WHERE r.stmtReview[i] = 'disputed'] AS i
RETURN type(r) AS type, a.name AS from, b.name AS to, r.stmtSources[i] AS source, r.stmtReviewBy[i] AS disputedBy,
  r.stmtReviewNote[i] AS note, r.sourceCount AS stillAssertedBy
ORDER BY type, from, to, source
