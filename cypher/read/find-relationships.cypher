// A part: relationships for a list of ids, each looked up in its type's id index (a dynamic type
// would scan); a unit test checks the list of types is the domain's. {REL}: read/project-relationship(-lean).
// @param ids list of relationship ids
CALL () {
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
  RETURN {items: collect({rel: {REL}, type: type(r), from: a.id, to: b.id})} AS part
}
