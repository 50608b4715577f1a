// Predicate: one statement in an allowed review state (and, when asked, from one of the sources and
// valid on the day: and-statement-* fill {STATEMENT}) asserts the fact (src/domain/filters.ts).
// @param reviewStates review states a matching statement may have (machine, reviewed, disputed)
any(i IN range(0, size(r.stmtSources) - 1) WHERE r.stmtReview[i] IN $reviewStates{STATEMENT})
