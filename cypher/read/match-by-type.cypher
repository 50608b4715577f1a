// Anchor with no end named, one per type: the type's id index read in order from the cursor ('' for
// the first page), so a page reads about a page per type instead of every relationship.
// @param after the last id of the previous page, or ''
MATCH (a)-[r:{TYPE}]->(b) WHERE r.id > $after
