// Every fact that holds, as the analysis graph keeps it (src/store/snapshot.ts): no evidence,
// quotes, per-statement lists or free text, the statements only of facts several statements
// resolve, the counting sources' ids (a lone statement's source: records.ts leaves sourceIds out),
// and the credibility of a fact one statement makes (stmtGrade, stored only for a lone statement).
// One list per fact, in the order of records.ts ANALYSIS_ROW (a list decodes in the driver about
// three times faster than a map with its keys).
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.sourceCount > 0
RETURN [r.id, type(r), a.id, b.id, r.spans, r.sourceCount, r.disputed,
  CASE WHEN size(r.statementIds) > 1 THEN r.statements END, coalesce(r.sourceIds, [r.stmtSource]),
  r.stmtGrade,
  r.action, r.firmness, r.conditions, r.statedAt, r.status, r.validFrom, r.validTo, r.aspect, r.note, r.goldstein,
  r.plover, r.amountEur, r.aidType, r.role] AS row
