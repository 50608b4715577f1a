// One type's branch of read/match-hub-to: as read/branch-hub-from, for the relationships that end at n.
// @param after the last id of the previous page, or ''
// @param limit page size + 1
  WITH n, COUNT { (n)<-[:{TYPE}]-() } AS degree, COUNT { ()-[:{TYPE}]->() } AS typed
  CALL (n, degree, typed) {
    WITH n WHERE degree * degree <= $limit * typed
    MATCH (a)-[r:{TYPE}]->(n)
    WHERE r.id > $after AND {UNDISPUTED}
    RETURN a, r, n AS b
    UNION ALL
    WITH n, CASE WHEN degree * degree > $limit * typed THEN $after END AS after
    MATCH (a)-[r:{TYPE}]->(b) USING INDEX r:{TYPE}(id)
    WHERE r.id > after AND b = n AND {UNDISPUTED}
    WITH a, r, b ORDER BY r.id LIMIT $limit
    RETURN a, r, b
  }
  RETURN a, r, b
