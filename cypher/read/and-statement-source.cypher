// Within where-statement: the same statement comes from one of the sources.
// @param sources list of source ids
 AND coalesce(r.stmtSources[i], r.stmtSource) IN $sources
