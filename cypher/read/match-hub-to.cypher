// Anchor of a listing with the default filter that ends at the given nodes: as read/match-hub-from,
// branches from read/branch-hub-to.
// @param to list of ids the relationship ends at
MATCH (n:Entity) WHERE n.id IN $to
CALL (n) {
{BRANCHES}
}
WITH a, r, b
