// Within where-statement: the same statement comes from one of the sources.
// @param sources list of source ids
 AND r.stmtSources[i] IN $sources
