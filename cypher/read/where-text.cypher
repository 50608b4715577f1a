// Predicate: the lower-case text in its action, summary, claim or quotes.
// @param text lower-case text
(toLower(coalesce(r.action, '')) CONTAINS $text
  OR toLower(coalesce(r.summary, '')) CONTAINS $text
  OR toLower(coalesce(r.claim, '')) CONTAINS $text
  OR any(q IN r.quotes WHERE toLower(q) CONTAINS $text))
