// A relationship as a part returns it: its properties, without the derived lists the API does not
// read back (disagreeing properties, counting sources: records.ts). Quotes, reviewers and notes
// are read: the evidence's quotes and a lone statement are rebuilt from them (records.ts).
r {.*, disagreeOn: null, sourceIds: null}
