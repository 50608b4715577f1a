// Every fact that holds, as the analysis graph keeps it (src/analysis/lean-records.ts): no
// evidence, quotes, per-statement lists or free text, and the statements only of facts several
// statements resolve. A third or less of the bytes of all-relationships.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.sourceCount > 0
RETURN r {.*, evidence: null, statements: CASE WHEN size(r.statementIds) > 1 THEN r.statements END, disagreements: null,
  quotes: null, statementIds: null, stmtSources: null, stmtFrom: null, stmtTo: null, stmtReview: null, stmtReviewBy: null,
  stmtReviewNote: null, disagreeOn: null, sourceIds: null, speakerIds: null, unresolved: null, statedBy: null, cameo: null,
  summary: null, claim: null} AS rel, type(r) AS type, a.id AS from, b.id AS to
