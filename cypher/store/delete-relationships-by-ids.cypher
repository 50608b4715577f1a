// Remove facts no statement asserts any more (a revision or an unload dropped their last one).
// @param type a relationship type from the domain's allow-list (checked before this runs)
// @param rows list of {id, from, to}
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})-[r:$($type)]->(b:Entity {id: row.to})
WHERE r.id = row.id
DELETE r
