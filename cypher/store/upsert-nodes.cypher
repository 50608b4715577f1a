// Create or replace nodes by id; labels come from the domain's closed kind → label map.
// @param rows list of {id, labels, props}: props is the whole flat record, labels e.g. ['State', 'Actor']
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props
SET n:$(row.labels)
