// Ends a count part.
// @param cursor the cursor's id, or '' (every id comes after it)
  RETURN {total: count(r), before: count(CASE WHEN r.id <= $cursor THEN 1 END)} AS part
}
