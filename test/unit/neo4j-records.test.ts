// The Neo4j adapter's record conversion, without a database: facts and source versions both ways,
// filter parameters, and the columns the analysis read returns.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UNREAD_BY_ANALYSIS } from '../../src/store/snapshot.ts';
import { Commitment as CommitmentSchema, StructuralRelationship as StructuralSchema } from '../../src/domain/model.ts';
import { CYPHER_DIR } from '../../src/store/neo4j/cypher-library.ts';
import neo4j from 'neo4j-driver';
import { ANALYSIS_ROW, fromNeo4j, labelsOf, nodeFilterParams, relationshipFilterParams, relationshipFromRow, selectedKeys, STORED_LISTS, toRelationshipProps, toVersionProps, versionFromRow } from '../../src/store/neo4j/records.ts';
import { isLean } from '../../src/store/graph-store.ts';
import type { SourceVersion } from '../../src/domain/source-version.ts';
import { refusal, refusalFact } from '../support/claims.ts';
import { factsFromClaims, type Fact } from '../../src/domain/statements.ts';

describe('record conversion', () => {
  it('stores a fact of one statement without JSON statements or quotes in its evidence, its statement\'s values as scalars for Cypher, and reads the same fact back', () => {
    const props = toRelationshipProps(refusalFact);
    expect(props).toMatchObject({ quotes: ['Italy will not send troops', 'no troops'], statementId: refusalFact.statementSpans[0]?.statement, stmtSource: 'source:a', stmtValidFrom: '2026-01-01', stmtState: 'machine', sourceCount: 1, disputed: false });
    // No list of one per statement (each would take a dynamic array record), and no sourceIds: the one source, derived.
    for (const key of STORED_LISTS.filter((list) => list !== 'quotes')) expect(props, key).not.toHaveProperty(key);
    expect(props).not.toHaveProperty('from');
    // Lists the import tool's CSV cannot say are not stored by either load (stmtTo [''], disagreeOn []);
    // reading them back gives the same fact.
    expect(props).not.toHaveProperty('stmtTo');
    expect(props).not.toHaveProperty('disagreeOn');
    // The lean form: the statement is the fact's own properties, the quotes are stored once.
    expect(props).not.toHaveProperty('statements');
    expect(props).not.toHaveProperty('disagreements');
    expect(props).not.toHaveProperty('stmtVersion');
    expect(props.evidence).not.toContain('Italy will not send troops');
    expect(relationshipFromRow({ rel: props, type: 'REFUSED', from: 'state:ITA', to: 'initiative:force' })).toEqual(refusalFact);
  });

  it('stores a lone statement\'s review date and later version beside the fact, and keeps it as JSON when the fact cannot say it', () => {
    const [only] = refusalFact.statements as [Fact['statements'][number]];
    const reviewed = { ...refusalFact, statements: [{ ...only, sourceVersion: 3, review: { state: 'reviewed' as const, by: 'ana', at: '2026-12-01', note: 'checked', credibility: 2 as const } }], statementSpans: refusalFact.statementSpans.map((s) => ({ ...s, review: 'reviewed' as const, credibility: 2 as const })) };
    const reviewedProps = toRelationshipProps(reviewed);
    expect(reviewedProps).not.toHaveProperty('statements');
    expect(reviewedProps).toMatchObject({ stmtVersion: 3, stmtReviewAt: '2026-12-01', stmtReviewer: 'ana', stmtNote: 'checked', stmtGrade: '2', stmtState: 'reviewed' });
    expect(relationshipFromRow({ rel: reviewedProps, type: 'REFUSED', from: 'state:ITA', to: 'initiative:force' })).toEqual(reviewed);
    // Resolving a lone disputed statement leaves its dates off the fact: the statement stays JSON.
    const [disputed] = factsFromClaims([{ ...refusal, review: { state: 'disputed', by: 'ana', note: 'no' } }]) as [Fact];
    const disputedProps = toRelationshipProps(disputed);
    expect(typeof disputedProps.statements).toBe('string');
    expect(disputedProps).toMatchObject({ stmtState: 'disputed', stmtReviewer: 'ana', stmtNote: 'no' });
    expect(disputedProps).not.toHaveProperty('stmtVersion');
    expect(relationshipFromRow({ rel: disputedProps, type: 'REFUSED', from: 'state:ITA', to: 'initiative:force' })).toEqual(disputed);
  });

  it('keeps the statements and disagreements of a fact several sources state as JSON', () => {
    const other = { ...refusal, firmness: 'hedged' as const, statement: undefined, evidence: refusal.evidence.map((e) => ({ ...e, sourceId: 'source:b' })) };
    const [fact] = factsFromClaims([refusal, other]) as [Fact];
    expect(fact.statements).toHaveLength(2);
    const props = toRelationshipProps(fact);
    expect(typeof props.statements).toBe('string');
    expect(JSON.parse(props.disagreements as string)).toHaveLength(1);
    expect([(props.stmtSources as string[]).toSorted(), (props.sourceIds as string[]).toSorted()]).toEqual([['source:a', 'source:b'], ['source:a', 'source:b']]);
    expect(props).not.toHaveProperty('stmtSource');
    expect(relationshipFromRow({ rel: props, type: 'REFUSED', from: 'state:ITA', to: 'initiative:force' })).toEqual(fact);
  });

  it('reads a row of format 2 (quotes in the evidence, the statement as JSON) back as the same fact', () => {
    const props = toRelationshipProps(refusalFact);
    const { statementId, stmtSource, stmtValidFrom, stmtState, ...rest } = props;
    const lists = { statementIds: [statementId], stmtSources: [stmtSource], stmtFrom: [stmtValidFrom], stmtReview: [stmtState], sourceIds: [stmtSource] };
    const format2 = { ...rest, ...lists, evidence: JSON.stringify(refusalFact.evidence), statements: JSON.stringify(refusalFact.statements), disagreements: '[]' };
    expect(relationshipFromRow({ rel: format2, type: 'REFUSED', from: 'state:ITA', to: 'initiative:force' })).toEqual(refusalFact);
  });

  it('reads a row narrowed to some fields back as a lean fact with those fields, and narrows only to the fact\'s own fields', () => {
    const props = toRelationshipProps(refusalFact);
    const keys = selectedKeys(['action', 'evidence']) as string[];
    expect(keys).toEqual(['action', 'evidence', 'quotes', 'speakerIds', 'stmtSource', 'stmtSources']);
    const rel = Object.fromEntries(['id', ...keys].map((key) => [key, props[key] ?? null]));
    const fact = relationshipFromRow({ rel, type: 'REFUSED', from: 'state:ITA', to: 'initiative:force' });
    expect(isLean(fact)).toBe(true);
    expect(fact).toMatchObject({ id: refusalFact.id, action: (refusalFact as { action?: string }).action, evidence: refusalFact.evidence, statements: [], disagreements: [] });
    expect(fact).not.toHaveProperty('firmness');
    // A name that is not a fact's own field (a derived list, an identity, anything else) reads the fact whole.
    for (const field of ['statements', 'stmtReview', 'id', 'text) RETURN 1 //']) expect(selectedKeys(['action', field]), field).toBeNull();
  });

  it('stores a source version with its statements as gzipped JSON and reads it back, and reads format 2\'s JSON', () => {
    const version: SourceVersion = { sourceId: 'source:a', version: 2, sha256: 'a'.repeat(64), contentHash: 'b'.repeat(64), loadedAt: '2026-11-29T00:00:00.000Z', text: 't', statements: [{ id: 'stmt:00000000000000000001', claim: refusal }] };
    const props = toVersionProps(version);
    expect(props.key).toBe('source:a@2');
    expect(props).not.toHaveProperty('statements');
    expect(JSON.parse(gunzipSync(Buffer.from(props.statementsGzip as string, 'base64')).toString('utf8'))).toEqual(version.statements);
    expect(versionFromRow({ version: { ...props, version: neo4j.int(2) } })).toEqual(version);
    const { statementsGzip: _gzip, ...format2 } = props;
    expect(versionFromRow({ version: { ...format2, statements: JSON.stringify(version.statements) } })).toEqual(version);
  });

  it('labels actors as Actor too, and converts driver integers at the boundary', () => {
    expect(labelsOf('STATE')).toEqual(['State', 'Actor']);
    expect(labelsOf('CONDITION')).toEqual(['Condition']);
    expect(fromNeo4j({ count: neo4j.int(7), list: [neo4j.int(1), 'x'] })).toEqual({ count: 7, list: [1, 'x'] });
  });

  it('turns empty filter lists into null (no constraint), pads partial dates and defaults review states to the counting ones', () => {
    const params = relationshipFilterParams({ types: [], from: ['state:ITA'], asOf: '2026-02', text: 'TROOPS' });
    expect(params).toMatchObject({ types: null, from: ['state:ITA'], to: null, asOf: '2026-02-01', text: 'troops', reviewStates: ['machine', 'reviewed'], minSources: null, disputed: null });
    expect(nodeFilterParams({})).toEqual({ kinds: null });
  });
});

describe('the analysis read', () => {
  it('reads every stored property analysis keeps, in the order records.ts expects', () => {
    // A fact's own properties (both schemas) but its identity, what analysis never reads, and
    // what belongs to statements (statement, review, credibility).
    const skipped = new Set(['id', 'type', 'from', 'to', 'evidence', 'statement', 'review', 'credibility', ...UNREAD_BY_ANALYSIS]);
    const kept = new Set([...Object.keys(CommitmentSchema.shape), ...Object.keys(StructuralSchema.shape)].filter((key) => !skipped.has(key)));
    expect(new Set(ANALYSIS_ROW)).toEqual(kept);
    const text = readFileSync(join(CYPHER_DIR, 'store', 'all-relationships-for-analysis.cypher'), 'utf8');
    const listed = [...text.slice(text.indexOf('RETURN')).matchAll(/\br\.(\w+)/g)].map((m) => m[1]);
    expect(listed).toEqual(['id', 'spans', 'sourceCount', 'disputed', 'statementIds', 'statements', 'sourceIds', 'stmtSource', 'stmtGrade', ...ANALYSIS_ROW]);
  });
});
