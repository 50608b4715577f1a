// Ends a match-by-type branch of a listing: that type's page in id order (branches join with UNION ALL).
// @param limit page size + 1
WITH a, r, b ORDER BY r.id LIMIT $limit
RETURN a, r, b
