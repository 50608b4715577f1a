// What a database holds before cgraph load --initial replaces it: entities and source versions
// (a database with only the graph's meta node is empty), and the graph version to continue from.
OPTIONAL MATCH (m:GraphMeta {key: 'graph'})
WITH m.version AS version
CALL {
  MATCH (n) WHERE n:Entity OR n:SourceVersion
  RETURN count(n) AS entities
}
RETURN entities, version
