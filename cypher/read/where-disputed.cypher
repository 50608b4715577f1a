// Predicate: with (true) or without (false) a disputed statement.
// @param disputed true or false
r.disputed = $disputed
