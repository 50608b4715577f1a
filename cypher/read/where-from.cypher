// Predicate: the relationship starts at one of the nodes.
// @param from list of ids
a.id IN $from
