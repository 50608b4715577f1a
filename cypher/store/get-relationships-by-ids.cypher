// Relationships for a list of ids, with their end ids. Each type is named so that every lookup is
// a seek in that type's id index: Neo4j 5 plans a dynamic type ($(…)) as a scan of all relationships.
// A unit test checks that the list is the domain's.
// @param ids list of relationship ids
UNWIND $ids AS id
CALL (id) {
  MATCH (a:Entity)-[r:PLEDGED {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:REFUSED {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:WARNED {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:LEADS {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:REPRESENTS {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:MEMBER_OF {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:ATTENDED {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:HOSTED {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:SIGNED {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:PRODUCED {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:ESTABLISHES {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:FOR {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:PART_OF {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:RELATIVE_OF {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:CONDITIONAL_ON {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:NEGOTIATES {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:ASSESSED {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:DEMANDED {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:INVADED {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:SUPPORTS {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:STRAINED_RELATIONS_WITH {id: id}]->(b:Entity) RETURN r, a, b
  UNION ALL
  MATCH (a:Entity)-[r:FOCUSED_ON {id: id}]->(b:Entity) RETURN r, a, b
}
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
