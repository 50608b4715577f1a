// A relationship for a request that selects neither its statements nor its disagreements: without
// them (most of its bytes); records.ts marks the fact lean and the API reads them if asked after
// all. The quotes are read: the evidence's quotes are the list's (records.ts).
r {.*, stmtReviewBy: null, stmtReviewNote: null, stmtReviewer: null, stmtNote: null, disagreeOn: null, sourceIds: null, statements: null, disagreements: null}
