// A relationship as a part returns it: its properties, without the derived lists the API does not
// read back (quotes, reviewers, notes, disagreeing properties, counting sources: records.ts).
r {.*, quotes: null, stmtReviewBy: null, stmtReviewNote: null, disagreeOn: null, sourceIds: null}
