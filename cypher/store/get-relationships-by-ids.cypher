// Relationships for a list of ids with their types, with their end ids. Each type is named so that
// every lookup is a seek in that type's id index (Neo4j 5 plans a dynamic type ($(…)) as a scan of
// all relationships), and each id is sought only in its own type's index: seeking every id in all
// of them was most of a first load's time (a miss in each index, every id). A unit test checks
// that the list is the domain's.
// @param rows list of {id, type}: the relationship ids and the types they are sought as
UNWIND [row IN $rows WHERE row.type = 'PLEDGED' | row.id] AS id
MATCH (a:Entity)-[r:PLEDGED {id: id}]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
UNION ALL
UNWIND [row IN $rows WHERE row.type = 'REFUSED' | row.id] AS id
MATCH (a:Entity)-[r:REFUSED {id: id}]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
UNION ALL
UNWIND [row IN $rows WHERE row.type = 'WARNED' | row.id] AS id
MATCH (a:Entity)-[r:WARNED {id: id}]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
UNION ALL
UNWIND [row IN $rows WHERE row.type = 'LEADS' | row.id] AS id
MATCH (a:Entity)-[r:LEADS {id: id}]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
UNION ALL
UNWIND [row IN $rows WHERE row.type = 'REPRESENTS' | row.id] AS id
MATCH (a:Entity)-[r:REPRESENTS {id: id}]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
UNION ALL
UNWIND [row IN $rows WHERE row.type = 'MEMBER_OF' | row.id] AS id
MATCH (a:Entity)-[r:MEMBER_OF {id: id}]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
UNION ALL
UNWIND [row IN $rows WHERE row.type = 'ATTENDED' | row.id] AS id
MATCH (a:Entity)-[r:ATTENDED {id: id}]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
UNION ALL
UNWIND [row IN $rows WHERE row.type = 'HOSTED' | row.id] AS id
MATCH (a:Entity)-[r:HOSTED {id: id}]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
UNION ALL
UNWIND [row IN $rows WHERE row.type = 'SIGNED' | row.id] AS id
MATCH (a:Entity)-[r:SIGNED {id: id}]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
UNION ALL
UNWIND [row IN $rows WHERE row.type = 'PRODUCED' | row.id] AS id
MATCH (a:Entity)-[r:PRODUCED {id: id}]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
UNION ALL
UNWIND [row IN $rows WHERE row.type = 'ESTABLISHES' | row.id] AS id
MATCH (a:Entity)-[r:ESTABLISHES {id: id}]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
UNION ALL
UNWIND [row IN $rows WHERE row.type = 'FOR' | row.id] AS id
MATCH (a:Entity)-[r:FOR {id: id}]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
UNION ALL
UNWIND [row IN $rows WHERE row.type = 'PART_OF' | row.id] AS id
MATCH (a:Entity)-[r:PART_OF {id: id}]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
UNION ALL
UNWIND [row IN $rows WHERE row.type = 'RELATIVE_OF' | row.id] AS id
MATCH (a:Entity)-[r:RELATIVE_OF {id: id}]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
UNION ALL
UNWIND [row IN $rows WHERE row.type = 'CONDITIONAL_ON' | row.id] AS id
MATCH (a:Entity)-[r:CONDITIONAL_ON {id: id}]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
UNION ALL
UNWIND [row IN $rows WHERE row.type = 'NEGOTIATES' | row.id] AS id
MATCH (a:Entity)-[r:NEGOTIATES {id: id}]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
UNION ALL
UNWIND [row IN $rows WHERE row.type = 'ASSESSED' | row.id] AS id
MATCH (a:Entity)-[r:ASSESSED {id: id}]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
UNION ALL
UNWIND [row IN $rows WHERE row.type = 'DEMANDED' | row.id] AS id
MATCH (a:Entity)-[r:DEMANDED {id: id}]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
UNION ALL
UNWIND [row IN $rows WHERE row.type = 'INVADED' | row.id] AS id
MATCH (a:Entity)-[r:INVADED {id: id}]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
UNION ALL
UNWIND [row IN $rows WHERE row.type = 'SUPPORTS' | row.id] AS id
MATCH (a:Entity)-[r:SUPPORTS {id: id}]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
UNION ALL
UNWIND [row IN $rows WHERE row.type = 'STRAINED_RELATIONS_WITH' | row.id] AS id
MATCH (a:Entity)-[r:STRAINED_RELATIONS_WITH {id: id}]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
UNION ALL
UNWIND [row IN $rows WHERE row.type = 'FOCUSED_ON' | row.id] AS id
MATCH (a:Entity)-[r:FOCUSED_ON {id: id}]->(b:Entity)
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
