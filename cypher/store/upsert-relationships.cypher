// Create or replace relationships of one type by id, between nodes that already exist.
// @param type a relationship type from the domain's allow-list (checked before this runs)
// @param rows list of {id, from, to, props}
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$($type) {id: row.id}]->(b)
SET r = row.props
