// One type's branch of read/match-hub-involving: as read/branch-hub-from, for the relationships at
// either end of n; one that ends at n and starts at another of the nodes is that node's.
// @param involving list of ids at either end
// @param after the last id of the previous page, or ''
// @param limit page size + 1
  WITH n, COUNT { (n)-[:{TYPE}]-() } AS degree, COUNT { ()-[:{TYPE}]->() } AS typed
  CALL (n, degree, typed) {
    WITH n WHERE degree * degree <= $limit * typed
    MATCH (n)-[r:{TYPE}]->(b)
    WHERE r.id > $after AND {UNDISPUTED}
    RETURN n AS a, r, b
    UNION ALL
    WITH n WHERE degree * degree <= $limit * typed
    MATCH (a)-[r:{TYPE}]->(n)
    WHERE r.id > $after AND NOT a.id IN $involving AND {UNDISPUTED}
    RETURN a, r, n AS b
    UNION ALL
    WITH n, CASE WHEN degree * degree > $limit * typed THEN $after END AS after
    MATCH (a)-[r:{TYPE}]->(b) USING INDEX r:{TYPE}(id)
    WHERE r.id > after AND (a = n OR (b = n AND NOT a.id IN $involving)) AND {UNDISPUTED}
    WITH a, r, b ORDER BY r.id LIMIT $limit
    RETURN a, r, b
  }
  RETURN a, r, b
