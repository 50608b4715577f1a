// Anchor of a listing with the default filter with either end among the given nodes: as
// read/match-hub-from, branches from read/branch-hub-involving (each relationship once, as in
// read/match-involving).
// @param involving list of ids at either end
MATCH (n:Entity) WHERE n.id IN $involving
CALL (n) {
{BRANCHES}
}
WITH a, r, b
