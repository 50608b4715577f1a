// How many relationships match a listing (for totalCount) and how many come before the cursor.
// @param types list of relationship types, or null
// @param from list of ids the relationship starts at, or null
// @param to list of ids it ends at, or null
// @param involving list of ids at either end, or null
// @param sources list of source ids one of its statements comes from, or null
// @param reviewStates review states a matching statement may have (machine, reviewed, disputed)
// @param minSources the least number of sources it must have, or null
// @param disputed true: only facts with a disputed statement; false: only facts without; null: both
// @param conditions list of condition ids a commitment is gated by (its own, or for a pledge inherited from its object through PART_OF and CONDITIONAL_ON), or null
// @param firmness list of firmness values, or null
// @param asOf a full date YYYY-MM-DD the matching statement must be valid on, or null
// @param text lower-case text in its action, summary, claim or quotes, or null
// @param after the cursor's id, or null
MATCH (a:Entity)-[r]->(b:Entity)
WHERE ($types IS NULL OR type(r) IN $types)
  AND ($from IS NULL OR a.id IN $from)
  AND ($to IS NULL OR b.id IN $to)
  AND ($involving IS NULL OR a.id IN $involving OR b.id IN $involving)
  AND any(i IN range(0, size(r.stmtSources) - 1) WHERE r.stmtReview[i] IN $reviewStates
    AND ($sources IS NULL OR r.stmtSources[i] IN $sources)
    AND ($asOf IS NULL OR ((r.stmtFrom[i] = '' OR r.stmtFrom[i] <= $asOf) AND (r.stmtTo[i] = '' OR r.stmtTo[i] >= $asOf))))
  AND ($minSources IS NULL OR r.sourceCount >= $minSources)
  AND ($disputed IS NULL OR r.disputed = $disputed)
  AND ($conditions IS NULL OR (r.firmness IS NOT NULL AND (
    any(c IN coalesce(r.conditions, []) WHERE c IN $conditions)
    OR (type(r) = 'PLEDGED' AND EXISTS { MATCH (b)-[:PART_OF*0..8]->(:Entity)-[:CONDITIONAL_ON]->(c:Condition) WHERE c.id IN $conditions }))))
  AND ($firmness IS NULL OR r.firmness IN $firmness)
  AND ($text IS NULL
    OR toLower(coalesce(r.action, '')) CONTAINS $text
    OR toLower(coalesce(r.summary, '')) CONTAINS $text
    OR toLower(coalesce(r.claim, '')) CONTAINS $text
    OR any(q IN r.quotes WHERE toLower(q) CONTAINS $text))
RETURN count(r) AS total, count(CASE WHEN $after IS NOT NULL AND r.id <= $after THEN 1 END) AS before
