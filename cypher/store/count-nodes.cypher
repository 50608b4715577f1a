// How many nodes match a listing (for totalCount) and how many come before the cursor.
// @param kinds list of kinds, or null for all
// @param after the cursor's id, or null
MATCH (n:Entity)
WHERE ($kinds IS NULL OR n.kind IN $kinds)
RETURN count(n) AS total, count(CASE WHEN $after IS NOT NULL AND n.id <= $after THEN 1 END) AS before
