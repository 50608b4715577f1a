// Relationships that at least $minSources sources assert (:param minSources => 2; statements a person disputed do not
// count), most corroborated first, with the properties the sources disagree on. A fact of one
// statement stores no sourceIds: its one source counts when sourceCount > 0.
// @param minSources the least number of sources, e.g. 2
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.sourceCount >= $minSources
RETURN type(r) AS type, a.name AS from, b.name AS to, r.sourceCount AS sources,
  coalesce(r.sourceIds, CASE WHEN r.sourceCount > 0 THEN [r.stmtSource] END) AS sourceIds,
  r.disagreeOn AS disagreeOn
ORDER BY sources DESC, type, from, to
