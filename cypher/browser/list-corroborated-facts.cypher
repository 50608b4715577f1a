// Relationships that at least $minSources sources assert (:param minSources => 2; statements a person disputed do not
// count), most corroborated first, with the properties the sources disagree on.
// @param minSources the least number of sources, e.g. 2
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.sourceCount >= $minSources
RETURN type(r) AS type, a.name AS from, b.name AS to, r.sourceCount AS sources, r.sourceIds AS sourceIds,
  r.disagreeOn AS disagreeOn
ORDER BY sources DESC, type, from, to
