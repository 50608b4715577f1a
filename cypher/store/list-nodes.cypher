// One page of nodes in id order, optionally of some kinds.
// @param kinds list of kinds, or null for all
// @param after the last id of the previous page, or null
// @param limit page size + 1 (the extra row tells whether there is a next page)
MATCH (n:Entity)
WHERE ($kinds IS NULL OR n.kind IN $kinds)
  AND ($after IS NULL OR n.id > $after)
RETURN properties(n) AS node
ORDER BY n.id
LIMIT $limit
