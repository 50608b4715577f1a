// Predicate: the default statement criteria (an undisputed statement asserts the fact, from any
// source, on any day) as one property: sourceCount counts the sources of undisputed statements
// (src/domain/statements.ts resolve), so it is above 0 exactly then. Cheaper at a hub than where-statement's lists.
r.sourceCount > 0
