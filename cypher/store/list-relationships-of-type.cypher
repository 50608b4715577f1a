// A page of the relationships of one type in id order, with their end ids (cgraph migrate). {TYPE}
// is a type from the domain's allow-list (src/store/neo4j/migrate-format.ts): a named type reads its
// id index in order, where a dynamic one would scan every relationship for each page.
// @param after the last id of the previous page, or ''
// @param limit the page's size
MATCH (a:Entity)-[r:{TYPE}]->(b:Entity)
WHERE r.id > $after
RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to
ORDER BY r.id
LIMIT $limit
