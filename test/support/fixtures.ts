// Shared test fixtures: the validated seed batches and store factories for both adapters.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { GraphBatch } from '../../src/domain/model.ts';
import { validateDossiers } from '../../src/ingest/load-dossiers.ts';
import type { GraphStore } from '../../src/store/graph-store.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { Neo4jStore, type Neo4jStoreHooks } from '../../src/store/neo4j/neo4j-store.ts';
import type { Neo4jConfig } from '../../src/config.ts';

export const SEED_DIR = 'seeds';
/** The first source: most tests check the graph against this article's text. */
export const FIRST_SEED_DIR = 'seeds/paris-summit-2026-01-06';
export const SEED_DOSSIER = 'seeds/paris-summit-2026-01-06/dossier.yaml';
export const SEED_SOURCE = 'seeds/paris-summit-2026-01-06/coalition-of-the-willing-paris-summit.txt';
/** The second report of the same summit, which reuses the first one's ids. */
export const SECOND_SEED_DIR = 'seeds/coalition-of-volunteers-declaration-2026-01-06';

const seeds: GraphBatch[] = (await validateDossiers([FIRST_SEED_DIR])).batches;
const allSeeds: GraphBatch[] = (await validateDossiers([SEED_DIR])).batches;

/** The registry and the first source's dossier. */
export function seedBatches(): GraphBatch[] {
  return seeds;
}

/** The registry and every dossier under seeds/ (what `npm start` loads). */
export function allSeedBatches(): GraphBatch[] {
  return allSeeds;
}

export function tempDir(prefix = 'cgraph-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function neo4jUri(): string | null {
  return inject('neo4jUri');
}

/** Environment for a child process (CLI, server) that should use the test Neo4j. */
export function neo4jEnv(): Record<string, string> {
  return { NEO4J_URI: neo4jUri() as string, NEO4J_PASSWORD: inject('neo4jPassword') };
}

/** The test Neo4j's connection settings. */
export function neo4jConfig(batchSize = 50): Neo4jConfig {
  const uri = neo4jUri();
  if (!uri) throw new Error('no Neo4j for this run');
  return { uri, user: 'neo4j', password: inject('neo4jPassword'), database: undefined, batchSize };
}

export async function openNeo4jStore(options: { batchSize?: number; hooks?: Neo4jStoreHooks } = {}): Promise<Neo4jStore> {
  return Neo4jStore.connect(neo4jConfig(options.batchSize), options.hooks);
}

export type StoreFactory = () => Promise<GraphStore>;

/** Fresh, empty stores of each kind. Neo4j is shared, so its factory empties it first. */
export const storeFactories: Record<'memory' | 'neo4j', StoreFactory> = {
  memory: async () => new MemoryStore(),
  neo4j: async () => {
    const store = await openNeo4jStore();
    await store.reset();
    return store;
  },
};

/** describe.skipIf for Neo4j suites: skipped only outside CI when no Neo4j could be had. */
export const noNeo4j = (): boolean => neo4jUri() === null;

/** Each store kind with a fresh-store factory and whether its suite is skipped: for `for … of` over both. */
export const eachStore = (): [name: 'memory' | 'neo4j', open: StoreFactory, skip: boolean][] => [
  ['memory', storeFactories.memory, false],
  ['neo4j', storeFactories.neo4j, noNeo4j()],
];

/**
 * A test dossier (text written for the tests): Spain refuses the ceasefire that the seed's troop
 * pledges wait for (five tensions). `sourceId` keeps tests that load it apart.
 */
export function spainRefusesCeasefire(sourceId: string): { yaml: string; text: string } {
  const yaml = [
    `source: { id: "${sourceId}", name: "A test report", file: source.txt }`,
    'entities:',
    '  - { id: "state:ESP", kind: STATE, name: Spain }',
    'relationships:',
    '  - ref: esp-refuses-ceasefire',
    '    type: REFUSED',
    '    from: state:ESP',
    '    to: condition:ceasefire-in-force',
    '    action: accept a ceasefire',
    '    firmness: firm',
    '    statedAt: 2026-01-06',
    '    evidence:',
    '      - { quote: Spain rejected any ceasefire., attribution: reported }',
  ].join('\n');
  return { yaml, text: 'Spain rejected any ceasefire.\n' };
}

/**
 * A test dossier (text written for the tests) of three refusals, one a sentence; `kept` keeps only
 * the first ones — a revision that retracts the rest (the shrink guard's case). The text and the
 * entities stay the same in every revision.
 */
export function threeRefusals(sourceId: string, kept = 3): { yaml: string; text: string } {
  const states = [
    ['ESP', 'Spain'],
    ['PRT', 'Portugal'],
    ['GRC', 'Greece'],
  ];
  const text = `${states.map(([, name]) => `${name} refused to join the test force.`).join(' ')}\n`;
  const yaml = [
    `source: { id: "${sourceId}", name: "A test report of three refusals", file: source.txt }`,
    'entities:',
    ...states.map(([iso, name]) => `  - { id: "state:${iso}", kind: STATE, name: ${name} }`),
    '  - { id: "initiative:test-force", kind: INITIATIVE, name: A test force }',
    'relationships:',
    ...states.slice(0, kept).flatMap(([iso, name]) => [
      `  - ref: ${iso?.toLowerCase()}-refuses`,
      '    type: REFUSED',
      `    from: state:${iso}`,
      '    to: initiative:test-force',
      '    action: join the test force',
      '    firmness: firm',
      '    statedAt: 2026-01-06',
      '    evidence:',
      `      - { quote: ${name} refused to join the test force., attribution: reported }`,
    ]),
  ].join('\n');
  return { yaml, text };
}
