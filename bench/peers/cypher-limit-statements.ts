// The limit's statements: one hand-written Cypher statement per dashboard query (bench/peers/cypher-limit.ts
// serves them; bench/neo4j-profile.ts profiles them beside the API's).
const TYPES = ['PLEDGED', 'REFUSED', 'WARNED', 'LEADS', 'REPRESENTS', 'MEMBER_OF', 'ATTENDED', 'HOSTED', 'SIGNED', 'PRODUCED', 'ESTABLISHES', 'FOR', 'PART_OF', 'RELATIVE_OF', 'CONDITIONAL_ON', 'NEGOTIATES', 'ASSESSED', 'DEMANDED', 'INVADED', 'SUPPORTS', 'STRAINED_RELATIONS_WITH', 'FOCUSED_ON'];

export const LIMIT_STATEMENTS: Record<string, string> = {
  node: `MATCH (a:Entity {id: $id})
CALL (a) {
  MATCH (a)-[r:PLEDGED|REFUSED|WARNED]->(b:Entity)
  WITH r, b ORDER BY r.id LIMIT 20
  RETURN collect({id: r.id, kind: type(r), action: r.action, firmness: r.firmness, evidence: r.evidence, to: {id: b.id, name: b.name}}) AS outgoing
}
RETURN a.id AS id, a.name AS name, outgoing`,
  page: `MATCH (n:Entity {id: $id})
CALL (n) {
  MATCH (n)-[r:PLEDGED]-(:Entity)
  RETURN count(DISTINCT r) AS total
}
CALL (n) {
  MATCH (n)-[r:PLEDGED]-(:Entity)
  WITH DISTINCT r ORDER BY r.id LIMIT 11
  RETURN collect({id: r.id, action: r.action, from: {id: startNode(r).id, name: startNode(r).name}, to: {id: endNode(r).id, name: endNode(r).name}}) AS items
}
RETURN total, items`,
  relationship: `CALL () {
${TYPES.map((t) => `  MATCH (a:Entity)-[r:${t} {id: $id}]->(b:Entity) RETURN r, a, b`).join('\n  UNION ALL\n')}
}
RETURN r.id AS id, type(r) AS type, r.action AS action, r.firmness AS firmness, r.statements AS statements, {id: a.id, name: a.name} AS from, {id: b.id, name: b.name} AS to`,
};
