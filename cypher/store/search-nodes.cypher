// Nodes whose name or an alias contains the text, case-insensitively; ranked by the caller.
// @param text lower-case search text
// @param kinds list of kinds, or null for all
// @param limit the most rows to return
MATCH (n:Entity)
WHERE ($kinds IS NULL OR n.kind IN $kinds)
  AND (toLower(n.name) CONTAINS $text OR any(alias IN n.aliases WHERE toLower(alias) CONTAINS $text))
RETURN properties(n) AS node
ORDER BY n.id
LIMIT $limit
