// The Neo4j storage format 2 as the version before the lean form wrote it, kept to make databases
// in the old form for cgraph migrate's test and bench: its conversion, verbatim, and a rewrite of
// every stored fact into it.
import neo4j from 'neo4j-driver';
import { countingSourceIds, type Fact } from '../../src/domain/statements.ts';
import { definedOnly, relationshipFromRow, versionFromRow } from '../../src/store/neo4j/records.ts';
import { cypher } from '../../src/store/neo4j/cypher-library.ts';

/** Format 2's toRelationshipProps: every fact with its statements, evidence and disagreements as JSON. */
export function toFormat2Props(fact: Fact): Record<string, unknown> {
  const { from: _from, to: _to, type: _type, evidence, statements, disagreements, spans, statementSpans, sourceCount, disputed, ...fields } = fact;
  const reviewOf = new Map(statements.map((s) => [s.id, s.review]));
  return definedOnly({
    ...fields,
    evidence: JSON.stringify(evidence),
    statements: JSON.stringify(statements),
    disagreements: JSON.stringify(disagreements),
    spans: JSON.stringify(spans),
    sourceCount,
    disputed,
    statementIds: statementSpans.map((s) => s.statement),
    stmtSources: statementSpans.map((s) => s.sourceId),
    stmtFrom: statementSpans.map((s) => s.from ?? ''),
    stmtTo: statementSpans.map((s) => s.to ?? ''),
    stmtReview: statementSpans.map((s) => s.review),
    stmtReviewBy: statementSpans.map((s) => reviewOf.get(s.statement)?.by ?? ''),
    stmtReviewNote: statementSpans.map((s) => reviewOf.get(s.statement)?.note ?? ''),
    stmtCredibility: statementSpans.some((s) => s.credibility !== undefined) ? statementSpans.map((s) => (s.credibility === undefined ? '' : String(s.credibility))) : undefined,
    disagreeOn: disagreements.map((d) => d.property),
    sourceIds: countingSourceIds(fact),
    quotes: evidence.map((e) => e.quote),
    speakerIds: [...new Set(evidence.flatMap((e) => (e.speaker ? [e.speaker] : [])))],
  });
}

/** Rewrites every fact and source version of the database at `uri` in format 2 and marks it so; returns how many facts. */
export async function rewriteAsFormat2(uri: string, password = ''): Promise<number> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password), { disableLosslessIntegers: true });
  try {
    const { records } = await driver.executeQuery('MATCH (a:Entity)-[r]->(b:Entity) RETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to');
    const byType = new Map<string, { id: string; from: string; to: string; props: Record<string, unknown> }[]>();
    for (const record of records) {
      const fact = relationshipFromRow(record.toObject() as { rel: Record<string, unknown>; type: string; from: string; to: string });
      byType.set(fact.type, [...(byType.get(fact.type) ?? []), { id: fact.id, from: fact.from, to: fact.to, props: toFormat2Props(fact) }]);
    }
    for (const [type, rows] of byType) await driver.executeQuery(cypher('store/update-relationships'), { type, rows });
    // Format 2's source versions: their statements as JSON.
    const versions = await driver.executeQuery('MATCH (v:SourceVersion) RETURN properties(v) AS version');
    const rows = versions.records.map((record) => {
      const { statements, ...fields } = versionFromRow(record.toObject() as { version: Record<string, unknown> });
      return { ...fields, key: `${fields.sourceId}@${fields.version}`, statements: JSON.stringify(statements) };
    });
    if (rows.length) await driver.executeQuery(cypher('store/write-source-versions'), { rows });
    await driver.executeQuery(cypher('store/set-store-format'), { format: neo4j.int(2) });
    return records.length;
  } finally {
    await driver.close();
  }
}
