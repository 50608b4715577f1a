// Importers against the real files in the project's data/, on both stores. Every expected count is
// recomputed here from the CSV, independently of the importer.
import { readFileSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centrality } from '../../src/analysis/centrality.ts';
import { buildGraph } from '../../src/analysis/graph-view.ts';
import { shortestPath } from '../../src/analysis/paths.ts';
import { isValidOn } from '../../src/domain/time.ts';
import type { Commitment, GraphNode, GraphRelationship } from '../../src/domain/model.ts';
import type { Fact } from '../../src/domain/statements.ts';
import { dateFrom } from '../../src/ingest/importers/import-builder.ts';
import { importFile } from '../../src/ingest/importers/run-import.ts';
import type { GraphStore } from '../../src/store/graph-store.ts';
import { noNeo4j, storeFactories, tempDir, type StoreFactory } from '../support/fixtures.ts';

export const DATA = 'data';
const FILES = {
  atop: join(DATA, 'atop', 'atop4_member_level.csv'),
  cow: join(DATA, 'cow', 'alliance_v4.1_by_member.csv'),
  kiel: join(DATA, 'kiel', 'ust_r29_data_explorer.csv'),
  gdelt: join(DATA, 'gdelt', 'gdelt1_events_sample_20160728.tsv'),
};
const csv = (file: string, delimiter = ',') => parse(readFileSync(file, 'utf8'), { columns: true, delimiter, skip_empty_lines: true, relax_quotes: true }) as Record<string, string>[];

async function all(store: GraphStore, filter: Parameters<GraphStore['listRelationships']>[0]): Promise<GraphRelationship[]> {
  const out: GraphRelationship[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.listRelationships(filter, { first: 500, ...(after ? { after } : {}) });
    out.push(...page.items);
    if (!page.hasNextPage) return out;
    after = page.cursors.at(-1);
  }
}

/** COW state code → the state's id in the store (importers resolve codes to ISO ids). */
async function stateIdsByCow(store: GraphStore): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  let after: string | undefined;
  for (;;) {
    const page = await store.listNodes({ kinds: ['STATE'] }, { first: 500, ...(after ? { after } : {}) });
    for (const node of page.items) if (node.kind === 'STATE' && node.cowCode) ids.set(String(node.cowCode), node.id);
    if (!page.hasNextPage) return ids;
    after = page.cursors.at(-1);
  }
}

function describeImporters(name: string, makeStore: StoreFactory, skip = false) {
  describe.skipIf(skip)(`importers on ${name}`, () => {
    let store: GraphStore;
    beforeAll(async () => {
      store = await makeStore();
      for (const [kind, file] of Object.entries(FILES)) await store.upsert(importFile(kind as keyof typeof FILES, file).batch);
    });
    afterAll(async () => store?.close());

    it('ATOP: NATO members in force on 2010-01-01 match the CSV', async () => {
      const day = '2010-01-01';
      const expected = new Set(
        csv(FILES.atop)
          .filter((r) => r.atopid === '3180')
          .filter((r) => isValidOn({ validFrom: `${r.yrent}-${r.moent?.padStart(2, '0')}-${r.dayent?.padStart(2, '0')}`, validTo: r.yrexit !== '0' ? `${r.yrexit}-${r.moexit?.padStart(2, '0')}-${r.dayexit?.padStart(2, '0')}` : undefined }, day))
          .map((r) => r.member),
      );
      const memberships = await all(store, { types: ['MEMBER_OF'], to: ['alliance:nato'], asOf: day, sources: ['source:atop-member-level'] });
      const members = new Set(memberships.map((r) => r.from));
      expect(members.size).toBe(expected.size);
      expect(members.size).toBe(28);
      expect(members).toContain('state:POL');
      const [pol] = await store.getNodes(['state:POL']);
      expect(pol).toMatchObject({ kind: 'STATE', cowCode: 290 });
    });

    it('ATOP + COW: one MEMBER_OF per state and alliance, NATO has its 28 members of 2010 once each, with both sources as statements', async () => {
      const memberships = await all(store, { types: ['MEMBER_OF'], to: ['alliance:nato'], asOf: '2010-01-01' });
      expect(memberships).toHaveLength(28);
      expect(new Set(memberships.map((r) => r.from)).size).toBe(28);
      const byCow = await stateIdsByCow(store);
      const cowMembers2010 = new Set(
        csv(FILES.cow)
          .filter((r) => r.version4id === '227' && isValidOn({ validFrom: r.mem_st_year as string, ...(r.mem_end_year ? { validTo: r.mem_end_year } : {}) }, '2010-01-01'))
          .map((r) => byCow.get(r.ccode as string)),
      );
      const both = (memberships as Fact[]).filter((f) => new Set(f.statements.map((s) => s.sourceId)).size === 2);
      expect(both.length).toBe(cowMembers2010.size);
      expect(both.every((f) => f.sourceCount === 2)).toBe(true);
      const pairs = (await all(store, { types: ['MEMBER_OF'] })).map((r) => `${r.from}>${r.to}`);
      expect(new Set(pairs).size).toBe(pairs.length);
    });

    it('ATOP + COW: one obligation per state, alliance and obligation, with a statement from each source that lists it', async () => {
      const pledges = (await all(store, { types: ['PLEDGED'], to: ['alliance:nato'] })) as Fact[];
      const keys = pledges.map((p) => `${p.from}>${p.aspect}`);
      expect(new Set(keys).size).toBe(keys.length);
      const usDefense = pledges.find((p) => p.from === 'state:USA' && p.aspect === 'defense');
      expect([...new Set(usDefense?.statements.map((s) => s.sourceId))].sort()).toEqual(['source:atop-member-level', 'source:cow-alliances-by-member']);
      expect(pledges.filter((p) => p.aspect === 'entente').every((p) => p.statements.every((s) => s.sourceId === 'source:cow-alliances-by-member'))).toBe(true);
    });

    it('ATOP: a membership in two phases holds inside each phase and not in the gap between them', async () => {
      const rows = csv(FILES.atop);
      const start = (r: Record<string, string>) => dateFrom(r.yrent, r.moent, r.dayent) as string;
      const end = (r: Record<string, string>) => (r.yrexit === '0' ? undefined : dateFrom(r.yrexit, r.moexit, r.dayexit));
      const covered = (pair: Record<string, string>, day: string) =>
        rows.some((r) => r.atopid === pair.atopid && r.member === pair.member && isValidOn({ validFrom: start(r), ...(end(r) ? { validTo: end(r) } : {}) }, day));
      // A member whose rows for one alliance leave a day no row covers, with a row after it.
      const gap = rows.flatMap((a) => {
        const inGap = end(a) ? `${Number(a.yrexit) + 1}-06-01` : undefined;
        const b = inGap && rows.find((r) => r.atopid === a.atopid && r.member === a.member && start(r) > inGap);
        return b && inGap && !covered(a, inGap) ? [{ a, b, inGap }] : [];
      })[0];
      expect(gap).toBeDefined();
      const { a, b, inGap } = gap as { a: Record<string, string>; b: Record<string, string>; inGap: string };
      const state = (await stateIdsByCow(store)).get(a.member as string) as string;
      const ids = async (asOf: string) => (await all(store, { types: ['MEMBER_OF'], from: [state], sources: ['source:atop-member-level'], asOf })).map((r) => r.to);
      const alliance = `alliance:atop-${a.atopid}`;
      expect(await ids(start(a))).toContain(alliance);
      expect(await ids(inGap)).not.toContain(alliance);
      expect(await ids(start(b))).toContain(alliance);
    });

    it('ATOP + COW: where the two give different start dates for a NATO membership, the fact lists the disagreement', async () => {
      const byCow = await stateIdsByCow(store);
      const atopStart = new Map(csv(FILES.atop).filter((r) => r.atopid === '3180').map((r) => [byCow.get(r.member as string), dateFrom(r.yrent, r.moent, r.dayent)]));
      const cowStart = new Map(csv(FILES.cow).filter((r) => r.version4id === '227').map((r) => [byCow.get(r.ccode as string), dateFrom(r.mem_st_year, r.mem_st_month, r.mem_st_day)]));
      const differing = [...atopStart].filter(([state, date]) => cowStart.has(state) && cowStart.get(state) !== date).map(([state]) => state);
      expect(differing.length).toBeGreaterThan(0);
      const memberships = (await all(store, { types: ['MEMBER_OF'], to: ['alliance:nato'] })) as Fact[];
      for (const fact of memberships) {
        const listed = fact.disagreements.some((d) => d.property === 'validFrom');
        expect(listed, fact.from).toBe(differing.includes(fact.from));
      }
    });

    it('ATOP: conditional obligations carry their Condition nodes', async () => {
      const pledges = (await all(store, { types: ['PLEDGED'], sources: ['source:atop-member-level'], conditions: ['condition:atop-adversary'] })) as Fact[];
      expect(pledges.length).toBeGreaterThan(0);
      // Conditions are the union over the fact's statements: some ATOP phase made it conditional on an adversary.
      for (const pledge of pledges) {
        expect(pledge.statements.some((s) => 'firmness' in s.claim && s.claim.firmness === 'conditional' && s.claim.conditions.includes('condition:atop-adversary'))).toBe(true);
      }
    });

    it('COW: NATO is one node shared with ATOP, with the memberships COW lists', async () => {
      const nato = await all(store, { types: ['MEMBER_OF'], to: ['alliance:nato'], sources: ['source:cow-alliances-by-member'] });
      expect(nato).toHaveLength(csv(FILES.cow).filter((r) => r.version4id === '227').length);
      const [node] = await store.getNodes(['alliance:nato']);
      expect(node).toMatchObject({ atopId: 3180, cowAllianceId: 227 });
      expect((await store.searchNodes('North Atlantic', ['ALLIANCE'], 10)).map((n) => n.id)).toEqual(['alliance:nato']);
    });

    it("Kiel: a donor's summed military commitments equal the CSV's", async () => {
      const rows = csv(FILES.kiel).filter((r) => r.iso === 'DEU');
      const expected = rows.reduce((sum, r) => sum + Math.round(Number(r.military) * 1e9), 0);
      const pledges = (await all(store, { types: ['PLEDGED'], from: ['state:DEU'], to: ['state:UKR'], sources: ['source:kiel-ukraine-support-tracker'] })) as Commitment[];
      const military = pledges.filter((p) => p.aidType === 'military').reduce((sum, p) => sum + (p.amountEur ?? 0), 0);
      expect(military).toBe(expected);
      expect(military).toBeGreaterThan(10e9);
    });

    it('GDELT: CAMEO 03/12/13 become PLEDGED/REFUSED/WARNED; other roots and self-events are skipped and counted by reason', () => {
      const rows = csv(FILES.gdelt, '\t');
      const mapped = rows.filter((r) => ['03', '12', '13'].includes(r.eventrootcode?.padStart(2, '0') ?? ''));
      const result = importFile('gdelt', FILES.gdelt);
      expect(result.rowsRead).toBe(rows.length);
      // The sample has the US legislator who became "United States REFUSED United States".
      const selfEvents = mapped.filter((r) => r.actor1countrycode && r.actor1countrycode === r.actor2countrycode).length;
      expect(selfEvents).toBeGreaterThan(0);
      expect(result.skippedBy['both actors resolve to the same state']).toBe(selfEvents);
      expect(Object.values(result.skippedBy).reduce((a, b) => a + b, 0)).toBe(result.rowsSkipped);
      expect(result.rowsSkipped).toBe(rows.length - mapped.length + selfEvents);
      expect(result.batch.relationships.every((r) => r.from !== r.to)).toBe(true);
      const withBoth = mapped.filter((r) => r.actor1countrycode && r.actor2countrycode);
      expect(result.batch.relationships.length + result.rejected.length + selfEvents).toBe(mapped.length);
      expect(result.batch.relationships.length).toBeLessThanOrEqual(withBoth.length);
      const types = new Set(result.batch.relationships.map((r) => r.type));
      expect([...types].every((t) => ['PLEDGED', 'REFUSED', 'WARNED'].includes(t))).toBe(true);
      expect(result.batch.relationships.every((r) => r.evidence[0]?.url?.startsWith('http'))).toBe(true);
    });

    it('re-importing changes nothing', async () => {
      const version = await store.version();
      const report = await store.upsert(importFile('atop', FILES.atop).batch);
      expect(report.relationshipsCreated + report.relationshipsUpdated + report.nodesCreated).toBe(0);
      expect(await store.version()).toBe(version);
    });

    it('after importing everything, analysis still works: a path through shared alliances, alliance centrality', async () => {
      const graph = buildGraph(await store.snapshot());
      const path = shortestPath(graph, 'state:NOR', 'state:POL', { direction: 'ANY', types: ['MEMBER_OF'], asOf: '2010-01-01' });
      expect(path?.length).toBe(2);
      expect(path?.nodes[1]?.kind).toBe('ALLIANCE');
      const central = centrality(graph, { metric: 'DEGREE', kinds: ['ALLIANCE'], types: ['MEMBER_OF'], first: 3 });
      expect(central).toHaveLength(3);
      expect(central[0]?.score).toBeGreaterThan(0);
    });
  });
}

describeImporters('memory', storeFactories.memory);
describeImporters('neo4j', storeFactories.neo4j, noNeo4j());

describe('bad rows', () => {
  function corruptCopy(edit: (lines: string[]) => void): string {
    const dir = tempDir();
    cpSync(DATA, join(dir, 'data'), { recursive: true });
    const file = join(dir, 'data', 'kiel', 'ust_r29_data_explorer.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    edit(lines);
    writeFileSync(file, lines.join('\n'));
    return file;
  }

  it('rejects a corrupted row with its line number while the rest loads', () => {
    const file = corruptCopy((lines) => {
      lines[4] = (lines[4] as string).replace('"AUS"', '"XXQ"');
      lines[9] = (lines[9] as string).replace(',2023,', ',20x3,');
    });
    const result = importFile('kiel', file);
    expect(result.rejected.map((r) => r.line)).toEqual([5, 10]);
    expect(result.rejected[0]?.reason).toContain('XXQ');
    const clean = importFile('kiel', FILES.kiel);
    expect(result.batch.relationships.length).toBeGreaterThan(clean.batch.relationships.length - 10);
  });

  it('rejects a row with a column too many, and one with a stray quote, with their lines; the rest loads', () => {
    const file = corruptCopy((lines) => {
      lines[4] = `${lines[4] as string},"an extra column"`;
      lines[9] = (lines[9] as string).replace('"Australia"', '"Bel"gium"');
    });
    const result = importFile('kiel', file);
    const clean = importFile('kiel', FILES.kiel);
    expect(result.rejected.map((r) => [r.file, r.line])).toEqual([
      [file, 5],
      [file, 10],
    ]);
    expect(result.rowsRead).toBe(clean.rowsRead);
    // Nothing of the two rows is read as if its columns were where the header says.
    const quotes = new Set(result.batch.relationships.flatMap((r) => r.evidence.map((e) => e.quote)));
    expect(quotes.size).toBeGreaterThan(0);
    expect([...quotes].some((q) => q.includes('an extra column') || q.includes('Bel"gium'))).toBe(false);
    expect(() => importFile('kiel', file, { strict: true })).toThrowError(
      expect.objectContaining({ code: 'VALIDATION_FAILED', problems: [expect.objectContaining({ line: 5 }), expect.objectContaining({ line: 10 })] }),
    );
  });

  it('refuses a file that is not the dataset\'s, naming the columns it lacks', () => {
    const wrong = (kind: keyof typeof FILES, file: string) => {
      try {
        importFile(kind, file);
      } catch (error) {
        return error as { code: string; details: { expected: string[]; found: string[]; missing: string[] } };
      }
      throw new Error(`${kind} accepted ${file}`);
    };
    const alliances = wrong('atop', join(DATA, 'atop', 'atop4_alliance_level.csv'));
    expect(alliances.code).toBe('IMPORT_WRONG_FILE');
    expect(alliances.details.missing).toEqual(expect.arrayContaining(['member', 'yrent', 'phase']));
    expect(alliances.details.missing).not.toContain('atopid'); // the alliance level has it: only what is lacking is named
    expect(alliances.details.found).toContain('mem1');
    expect(alliances.details.expected).toEqual(expect.arrayContaining(['atopid', 'member']));
    expect(wrong('kiel', join(DATA, 'kiel', 'ust_r29_total_allocations.csv'))).toMatchObject({ code: 'IMPORT_WRONG_FILE', details: { missing: ['country', 'iso'] } });
    expect(wrong('cow', FILES.atop).code).toBe('IMPORT_WRONG_FILE');
    expect(wrong('gdelt', FILES.kiel).code).toBe('IMPORT_WRONG_FILE');
  });

  it('--strict refuses the whole file', () => {
    const file = corruptCopy((lines) => {
      lines[4] = (lines[4] as string).replace('"AUS"', '"XXQ"');
    });
    expect(() => importFile('kiel', file, { strict: true })).toThrowError(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('never renames a registry entity: the registry name wins, the dataset spelling becomes an alias', () => {
    const registry = new Map<string, GraphNode>([['state:GBR', { id: 'state:GBR', kind: 'STATE', name: 'Britain (registry)', aliases: ['UK'], iso3: 'GBR' }]]);
    const result = importFile('kiel', FILES.kiel, { registry });
    const gbr = result.batch.nodes.find((n) => n.id === 'state:GBR');
    expect(gbr).toMatchObject({ name: 'Britain (registry)', iso3: 'GBR' });
    expect(gbr?.aliases).toEqual(expect.arrayContaining(['UK', 'United Kingdom']));
  });

  it('says which entity table is missing', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'kiel'));
    writeFileSync(join(dir, 'kiel', 'x.csv'), 'country,iso\n');
    expect(() => importFile('kiel', join(dir, 'kiel', 'x.csv'), { dataDir: dir })).toThrowError(expect.objectContaining({ code: 'FILE_NOT_FOUND' }));
  });
});
