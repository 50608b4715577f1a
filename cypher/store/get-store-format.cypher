// What the database holds: its recorded format (null before any write by a version that records
// it) and whether it has facts, and whether they carry statements (format 2 and later: their ids, a lone one's as statementId).
OPTIONAL MATCH (m:GraphMeta {key: 'graph'})
OPTIONAL MATCH (:Entity)-[r]->(:Entity)
WITH m, r LIMIT 1
RETURN m.format AS format, r IS NOT NULL AS hasFacts, (r.statementId IS NOT NULL OR r.statementIds IS NOT NULL) AS withStatements
