// Predicate: asserted by at least this many sources.
// @param minSources the least number of sources
r.sourceCount >= $minSources
