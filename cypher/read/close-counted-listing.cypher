// Ends a listing part that is also counted (totalCount selected), for a listing anchored on its
// ends: one pass over the matches instead of two — all of them in id order, counted (and those
// at or before the cursor), the page cut from them. {REL} as in close-listing.
// @param cursor the cursor's id, or '' (every id comes after it)
// @param after the cursor's id, or ''
// @param limit page size + 1
  WITH a, r, b ORDER BY r.id
  WITH count(r) AS total, count(CASE WHEN r.id <= $cursor THEN 1 END) AS before, collect(CASE WHEN r.id > $after THEN [a, r, b] END)[0..$limit] AS rows
  CALL (rows) {
    UNWIND rows AS row
    WITH row[0] AS a, row[1] AS r, row[2] AS b
    RETURN collect({rel: {REL}, type: type(r), from: a.id, to: b.id}) AS items
  }
  RETURN {items: items, total: total, before: before} AS part
}
