// Relationships with a statement a person disputed: who disputed which source's statement and
// why, and how many sources still assert the relationship (0: it no longer holds). A fact of one
// statement holds its values as scalars (stmtState, stmtSource, …), the others as lists.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.disputed
UNWIND [i IN range(0, coalesce(size(r.stmtReview), 1) - 1) WHERE coalesce(r.stmtReview[i], r.stmtState) = 'disputed'] AS i
RETURN type(r) AS type, a.name AS from, b.name AS to, coalesce(r.stmtSources[i], r.stmtSource) AS source,
  coalesce(r.stmtReviewBy[i], r.stmtReviewer) AS disputedBy, coalesce(r.stmtReviewNote[i], r.stmtNote) AS note,
  r.sourceCount AS stillAssertedBy
ORDER BY type, from, to, source
