// A part: one page of relationships in id order. read-compiler.ts puts one anchor (match-from,
// match-to, match-involving or, with no end named, match-by-type per type) and the filter's
// where-* predicates between this and close-listing.
CALL () {
