// Every relationship between entities, whether it holds or not (cgraph migrate's progress).
MATCH (:Entity)-[r]->(:Entity)
RETURN count(r) AS count
