// Anchor of a listing with the default filter that starts at the given nodes, one branch per type
// (read/branch-hub-from), so that a hub's page stops at the page instead of reading and sorting
// every relationship it has. read-compiler.ts puts the branches in {BRANCHES}, joined by UNION ALL.
// @param from list of ids the relationship starts at
MATCH (n:Entity) WHERE n.id IN $from
CALL (n) {
{BRANCHES}
}
WITH a, r, b
