// Within where-statement: the same statement comes from a source of an outlet with one of the asked reliability grades.
// @param gradedSources list of the source ids whose outlet has an asked grade (store/find-sources-of-grades)
 AND coalesce(r.stmtSources[i], r.stmtSource) IN $gradedSources
