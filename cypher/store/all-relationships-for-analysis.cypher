// Every fact that holds, as the analysis graph keeps it (src/store/snapshot.ts): no evidence,
// quotes, per-statement lists or free text, the statements only of facts several statements
// resolve, the counting sources' ids, and the credibility of a fact one statement makes. One list
// per fact, in the order of records.ts ANALYSIS_ROW (a list decodes in the driver about three
// times faster than a map with its keys).
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.sourceCount > 0
RETURN [r.id, type(r), a.id, b.id, r.spans, r.sourceCount, r.disputed,
  CASE WHEN size(r.statementIds) > 1 THEN r.statements END, r.sourceIds,
  CASE WHEN size(r.statementIds) = 1 THEN r.stmtCredibility[0] END,
  r.action, r.firmness, r.conditions, r.statedAt, r.status, r.validFrom, r.validTo, r.aspect, r.note, r.goldstein,
  r.plover, r.amountEur, r.aidType, r.role] AS row
