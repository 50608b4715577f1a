// Predicate: the relationship ends at one of the nodes.
// @param to list of ids
b.id IN $to
