// A page of every source version in key order (cgraph migrate rewrites them in this version's form).
// @param after the last key of the previous page, or ''
// @param limit page size
MATCH (v:SourceVersion)
WHERE v.key > $after
RETURN properties(v) AS version
ORDER BY v.key
LIMIT $limit
