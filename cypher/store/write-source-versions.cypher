// Record new versions of sources, or amend the latest one (a chunked load adds to it): text,
// sha256, load time and the statements each version asserts (gzipped JSON, records.ts). Versions
// are not entities: they stay out of the graph's nodes and snapshots.
// @param rows list of {key, sourceId, version, sha256, contentHash, loadedAt, text, statementsGzip}
UNWIND $rows AS row
MERGE (v:SourceVersion {key: row.key})
SET v = row
