// One type's branch of read/match-hub-from. A node with few of the type's relationships expands
// them; a hub (its degree squared above the page size times the type's count, both counts kept by
// Neo4j, not read) reads the type's id index in order from the cursor, about page × count ÷ degree
// entries, and stops at the page. Its seek starts from null (nothing) elsewhere: a guard in a WITH
// would not keep Neo4j from planning the seek apart from n and running it for every node. {TYPE} from the domain's allow-list; {UNDISPUTED}: read/where-undisputed.
// @param after the last id of the previous page, or ''
// @param limit page size + 1
  WITH n, COUNT { (n)-[:{TYPE}]->() } AS degree, COUNT { ()-[:{TYPE}]->() } AS typed
  CALL (n, degree, typed) {
    WITH n WHERE degree * degree <= $limit * typed
    MATCH (n)-[r:{TYPE}]->(b)
    WHERE r.id > $after AND {UNDISPUTED}
    RETURN n AS a, r, b
    UNION ALL
    WITH n, CASE WHEN degree * degree > $limit * typed THEN $after END AS after
    MATCH (a)-[r:{TYPE}]->(b) USING INDEX r:{TYPE}(id)
    WHERE r.id > after AND a = n AND {UNDISPUTED}
    WITH a, r, b ORDER BY r.id LIMIT $limit
    RETURN a, r, b
  }
  RETURN a, r, b
