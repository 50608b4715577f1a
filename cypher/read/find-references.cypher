// A part: the nodes the relationships of the earlier parts name — their ends, the sources of their
// statements, their conditions, who stated them and who is quoted — so a dashboard's page needs no second read.
// Each node comes as [key, value] pairs without `text`: a source's whole article (hundreds of KB)
// is not even read from the store (a map projection `n {.*}` would read it: 16 ms a request at 100k).
CALL (parts) {
  UNWIND parts AS earlier
  UNWIND coalesce(earlier.items, []) AS item
  UNWIND [item.from, item.to] + coalesce(item.rel.stmtSources, [item.rel.stmtSource]) + coalesce(item.rel.conditions, []) + coalesce(item.rel.statedBy, []) + coalesce(item.rel.speakerIds, []) AS ref
  WITH DISTINCT ref
  MATCH (n:Entity {id: ref})
  RETURN {partialNodes: collect([key IN keys(n) WHERE key <> 'text' | [key, n[key]]])} AS part
}
