// Predicate: one statement in an allowed review state (and, when asked, from one of the sources and
// valid on the day: and-statement-* fill {STATEMENT}) asserts the fact (src/domain/filters.ts). A fact
// of one statement holds scalars instead of the lists (records.ts LONE_STATEMENT_KEYS), read at i = 0.
// @param reviewStates review states a matching statement may have (machine, reviewed, disputed)
any(i IN range(0, coalesce(size(r.stmtSources), 1) - 1) WHERE coalesce(r.stmtReview[i], r.stmtState) IN $reviewStates{STATEMENT})
