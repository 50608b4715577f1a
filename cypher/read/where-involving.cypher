// Predicate: either end is one of the nodes.
// @param involving list of ids
(a.id IN $involving OR b.id IN $involving)
