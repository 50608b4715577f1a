// A part: how many relationships match a listing and how many come at or before its cursor
// (totalCount, hasPreviousPage); only when the query selects totalCount. Anchor and predicates as
// in a listing, without the cursor.
CALL () {
