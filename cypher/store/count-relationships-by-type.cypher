// Counts by type of the facts that hold (some statement counts for them).
MATCH (:Entity)-[r]->(:Entity)
WHERE r.sourceCount > 0
RETURN type(r) AS type, count(*) AS count
