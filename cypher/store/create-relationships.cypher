// Create relationships of one type that the loader found new (under the graph lock).
// @param type a relationship type from the domain's allow-list (checked before this runs)
// @param rows list of {id, from, to, props}
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:$($type)]->(b)
SET r = row.props
