// Predicate: one of the firmness values.
// @param firmness list of firmness values
r.firmness IN $firmness
