// Replace the properties of relationships of one type that already exist.
// @param type a relationship type from the domain's allow-list (checked before this runs)
// @param rows list of {id, from, to, props}
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})-[r:$($type)]->(b:Entity {id: row.to})
WHERE r.id = row.id
SET r = row.props
