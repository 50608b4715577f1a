// Predicate: a commitment gated by one of the conditions, its own or, for a pledge, inherited from
// its object through PART_OF and CONDITIONAL_ON (src/domain/conditions.ts).
// @param conditions list of condition ids
(r.firmness IS NOT NULL AND (
  any(c IN coalesce(r.conditions, []) WHERE c IN $conditions)
  OR (type(r) = 'PLEDGED' AND EXISTS { MATCH (b)-[:PART_OF*0..8]->(:Entity)-[:CONDITIONAL_ON]->(c:Condition) WHERE c.id IN $conditions })))
