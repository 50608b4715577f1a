// Predicate: after the cursor ('' on the first page).
// @param after the last id of the previous page, or ''
r.id > $after
