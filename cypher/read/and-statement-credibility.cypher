// Within where-statement: the same statement has one of the credibility grades ('' when ungraded never matches).
// @param credibility list of credibility grades as text ('1' … '6')
 AND coalesce(r.stmtCredibility[i], r.stmtGrade) IN $credibility
