// The analysis graph's columns give back every record exactly as it was added (values and key
// order), whatever fits a column and whatever does not; and a graph built on them answers as one
// with the records themselves would (the analysis suites check the answers; this checks the rows).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EdgeColumns } from '../../src/analysis/edge-columns.ts';
import { buildGraph, forEachRelationship, relationshipAt } from '../../src/analysis/graph-view.ts';
import type { GraphRelationship } from '../../src/domain/model.ts';
import { factsFromClaims } from '../../src/domain/statements.ts';
import { buildSnapshot, leanRelationship } from '../../src/store/snapshot.ts';
import { baseNodes, commitment } from '../support/small-graph.ts';

const date = fc.constantFrom('2024', '2025-03', '2026-01-07', '2025-12~');
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', minLength: 100, maxLength: 400 }), fc.constantFrom('', 'ü €', '🙂 pledged'));
/** Any value: what a column cannot hold is kept as it is. */
const odd = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer(), fc.double(), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 0 }).map((o) => ({ ...o })));

const record = fc.record(
  {
    type: fc.oneof(fc.constantFrom('PLEDGED', 'REFUSED', 'MEMBER_OF'), odd),
    action: fc.oneof(text, odd),
    aspect: text,
    note: fc.oneof(text, odd),
    firmness: fc.oneof(fc.constantFrom('firm', 'hedged'), odd),
    statedAt: date,
    validFrom: fc.oneof(date, odd),
    validTo: date,
    sourceCount: fc.oneof(fc.nat({ max: 70_000 }), fc.integer({ min: -3, max: -1 }), fc.double(), fc.constant(2 ** 33)),
    goldstein: fc.oneof(fc.double(), odd),
    disputed: fc.oneof(fc.boolean(), odd),
    conditions: fc.oneof(fc.array(fc.constantFrom('condition:a', 'condition:b'), { maxLength: 3 }), odd),
    sourceIds: fc.array(fc.constantFrom('source:a', 'source:b', 'source:c'), { maxLength: 3 }),
    spans: fc.oneof(fc.array(fc.record({ from: date, to: date }, { requiredKeys: [], noNullPrototype: true }), { maxLength: 2 }), odd),
    evidence: fc.oneof(fc.constant([]), fc.array(fc.record({ sourceId: fc.constant('source:a'), quote: fc.string() }, { noNullPrototype: true }), { minLength: 1, maxLength: 2 })),
    statements: fc.array(fc.record({ sourceId: fc.string() }, { noNullPrototype: true }), { maxLength: 2 }),
    somethingElse: odd,
  },
  { requiredKeys: [], noNullPrototype: true },
);

function sentColumns(columns: EdgeColumns): EdgeColumns {
  const { packed, transfer } = columns.pack();
  return EdgeColumns.adopt(structuredClone(packed, { transfer }));
}

describe('edge columns', () => {
  it('give back each record equal to the one added, keys in the same order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(record, fc.boolean()), { minLength: 1, maxLength: 60 }), fc.constantFrom('as added', 'trimmed', 'sent'), (rows, form) => {
        const filled = new EdgeColumns();
        const added = rows.map(([fields, withEnds], i) => {
          const rel = (withEnds ? { id: `rel:${i}`, from: 'state:A', to: i % 2 ? 'state:B' : 'x', ...fields } : { ...fields, id: `other:${i}` }) as unknown as GraphRelationship;
          return { rel, row: filled.add(rel, `rel:${i}`, 'state:A', 'state:B') };
        });
        if (form === 'trimmed') filled.trim();
        // Sent: packed, through the structured clone with its buffers moved, adopted (the worker's copy).
        const columns = form === 'sent' ? sentColumns(filled) : filled;
        for (const { rel, row } of added) {
          const back = columns.relationship(row, `rel:${row}`, 'state:A', 'state:B');
          expect(Object.keys(back)).toEqual(Object.keys(rel));
          expect(back).toStrictEqual(rel);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('hold a graph whose relationships equal the lean records of its snapshot', () => {
    const claims = [
      commitment('PLEDGED', 'state:DEU', 'initiative:force', { firmness: 'hedged', conditions: ['condition:ceasefire'] }),
      commitment('REFUSED', 'state:FRA', 'initiative:force', { statedAt: '2026-01-07' }),
      commitment('WARNED', 'state:GBR', 'state:FRA', { note: 'Ünïcode — and a note long enough to need a second byte of length: '.repeat(4) }),
    ];
    const snapshot = buildSnapshot(baseNodes, factsFromClaims(claims));
    const lean = snapshot.edges.map((e) => ({ ...e, attributes: leanRelationship(e.attributes) }));
    const graph = buildGraph({ nodes: snapshot.nodes, edges: lean });
    const read: GraphRelationship[] = [];
    forEachRelationship(graph, (_edge, rel) => read.push(rel));
    expect(read).toStrictEqual(lean.map((e) => e.attributes));
    for (const edge of lean) expect(relationshipAt(graph, edge.key)).toStrictEqual(edge.attributes);
    expect(graph.getEdgeAttributes(lean[0]?.key as string)).toEqual({ n: 0 });
  });
});
