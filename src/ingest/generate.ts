// Synthetic dossiers shaped like real data, for benchmarks and load tests, reproducible for a seed.
// Degrees are skewed: a few actors make most statements, as in event data.
import { stringify } from 'yaml';
import { seededRandom } from '../domain/seeded-random.ts';
import type { GraphNode, GraphRelationship } from '../domain/model.ts';
import { deriveFactId, deriveStatementId, sha256Hex } from '../domain/relationship-id.ts';

export interface GenerateOptions {
  states: number;
  actors: number;
  commitments: number;
  seed: number;
}

export interface GeneratedDossier {
  yamlText: string;
  sourceText: string;
  relationshipCount: number;
}

const KINDS = ['PLEDGED', 'PLEDGED', 'PLEDGED', 'REFUSED', 'WARNED'] as const;
const FIRMNESS = ['firm', 'conditional', 'hedged', 'considering'] as const;
const CONDITION_KINDS = ['ceasefire_in_force', 'peace_agreement', 'domestic_approval', 'time_after'] as const;

/** state:AAA, state:AAB, …: three letters per index, so up to 17,576 states. */
export function syntheticStateId(index: number): string {
  const letters = [Math.floor(index / 676) % 26, Math.floor(index / 26) % 26, index % 26].map((n) => String.fromCharCode(65 + n)).join('');
  return `state:${letters}`;
}

interface Statement {
  ref: string;
  type: string;
  from: string;
  to: string;
  sentence: string;
  fields: Record<string, unknown>;
}

interface World {
  entities: Record<string, unknown>[];
  /** Leaders, memberships, then the commitments: the same sequence for a seed in either format. */
  statements: () => Generator<Statement>;
}

function world(options: GenerateOptions): World {
  const random = seededRandom(options.seed);
  const pick = (n: number) => Math.floor(random() * n);
  const skewed = (n: number) => Math.floor(n * random() ** 2.5);
  const states = Math.min(options.states, 17_576);
  const alliances = Math.max(1, Math.floor(states / 20));
  const initiatives = Math.max(1, Math.floor(options.commitments / 50));
  const conditions = Math.max(1, Math.floor(initiatives / 10));
  const entities: Record<string, unknown>[] = [];
  for (let i = 0; i < states; i++) entities.push({ id: syntheticStateId(i), kind: 'STATE', name: `State ${i}`, aliases: [] });
  for (let i = 0; i < options.actors; i++) entities.push({ id: `person:leader-${i}`, kind: 'PERSON', name: `Leader ${i}`, aliases: [] });
  for (let i = 0; i < alliances; i++) entities.push({ id: `alliance:bloc-${i}`, kind: 'ALLIANCE', name: `Bloc ${i}`, aliases: [] });
  for (let i = 0; i < initiatives; i++) entities.push({ id: `initiative:programme-${i}`, kind: 'INITIATIVE', name: `Programme ${i}`, aliases: [] });
  for (let i = 0; i < conditions; i++) {
    entities.push({ id: `condition:condition-${i}`, kind: 'CONDITION', name: `Condition ${i}`, aliases: [], conditionKind: CONDITION_KINDS[i % CONDITION_KINDS.length] });
  }
  function* statements(): Generator<Statement> {
    for (let i = 0; i < options.actors; i++) {
      const state = syntheticStateId(i % states);
      yield { ref: `lead-${i}`, type: 'LEADS', from: `person:leader-${i}`, to: state, sentence: `Leader ${i} leads ${state}.`, fields: { role: 'head of government' } };
    }
    for (let i = 0; i < states; i++) {
      const alliance = `alliance:bloc-${skewed(alliances)}`;
      const year = 1950 + pick(70);
      const validTo = random() < 0.2 ? { validTo: String(year + 1 + pick(30)) } : {};
      yield { ref: `member-${i}`, type: 'MEMBER_OF', from: syntheticStateId(i), to: alliance, sentence: `State ${i} joined ${alliance} in ${year}.`, fields: { validFrom: String(year), ...validTo } };
    }
    for (let i = 0; i < options.commitments; i++) {
      const type = KINDS[pick(KINDS.length)] as string;
      const from = syntheticStateId(skewed(states));
      const to = `initiative:programme-${skewed(initiatives)}`;
      const year = 1990 + pick(36);
      const month = String(1 + pick(12)).padStart(2, '0');
      const hasCondition = type === 'PLEDGED' && random() < 0.4;
      yield {
        ref: `c-${i}`,
        type,
        from,
        to,
        sentence: `Statement ${i}: ${from} ${type.toLowerCase()} on ${to} in ${year}-${month}.`,
        fields: {
          // Each synthetic statement is its own commitment: the aspect tells apart those between the same ends.
          aspect: `statement ${i}`,
          action: `statement ${i} on programme`,
          firmness: FIRMNESS[pick(FIRMNESS.length)],
          conditions: hasCondition ? [`condition:condition-${pick(conditions)}`] : [],
          statedAt: `${year}-${month}`,
          validFrom: `${year}-${month}`,
          cameo: type === 'PLEDGED' ? '0334' : type === 'REFUSED' ? '1224' : '130',
        },
      };
    }
  }
  return { entities, statements };
}

/**
 * One dossier (YAML + source text): the format people write, validated with line numbers. States
 * with leaders, alliances with memberships, and PLEDGED/REFUSED/WARNED with conditions, dates and
 * evidence whose quotes are real slices of a generated source text.
 */
export function generateDossier(options: GenerateOptions): GeneratedDossier {
  const { entities, statements } = world(options);
  const sentences: string[] = [];
  let offset = 0;
  const relationships: Record<string, unknown>[] = [];
  for (const s of statements()) {
    const start = offset;
    sentences.push(s.sentence);
    offset += s.sentence.length + 1;
    relationships.push({ ref: s.ref, type: s.type, from: s.from, to: s.to, ...s.fields, evidence: [{ quote: s.sentence, start, end: start + s.sentence.length, attribution: 'reported' }] });
  }
  const sourceText = sentences.join('\n');
  const yamlText = stringify(
    {
      source: { id: `source:synthetic-${options.seed}`, name: `Synthetic dossier (seed ${options.seed})`, file: 'source.txt' },
      entities,
      relationships,
    },
    { lineWidth: 0, flowCollectionPadding: false },
  );
  return { yamlText, sourceText, relationshipCount: relationships.length };
}

/** Statements per generated source in the JSON-lines form: each source text stays small. */
export const STATEMENTS_PER_SOURCE = 10_000;

/**
 * The same world as graph records for JSON lines (the bulk format): every node first, then for
 * each 10,000 statements a SOURCE node with their text followed by their relationships, evidence
 * at its offsets. Yields lazily, so a million commitments never sit in memory at once.
 */
export function* generateRecords(options: GenerateOptions): Generator<GraphNode | GraphRelationship> {
  const { entities, statements } = world(options);
  for (const entity of entities) yield entity as GraphNode;
  let part = 0;
  let pending: Statement[] = [];
  const flush = function* (): Generator<GraphNode | GraphRelationship> {
    const sourceId = `source:synthetic-${options.seed}-${part++}`;
    const text = pending.map((s) => s.sentence).join('\n');
    yield { id: sourceId, kind: 'SOURCE', name: `Synthetic source ${sourceId.slice(7)}`, aliases: [], text, sha256: sha256Hex(text) } as GraphNode;
    let offset = 0;
    for (const s of pending) {
      const evidence = [{ sourceId, quote: s.sentence, start: offset, end: offset + s.sentence.length, attribution: 'reported' }];
      offset += s.sentence.length + 1;
      const id = deriveFactId({ type: s.type, from: s.from, to: s.to, aspect: s.fields.aspect as string | undefined });
      yield { id, statement: deriveStatementId(sourceId, id, s.ref), type: s.type, from: s.from, to: s.to, ...s.fields, evidence } as GraphRelationship;
    }
    pending = [];
  };
  for (const statement of statements()) {
    pending.push(statement);
    if (pending.length === STATEMENTS_PER_SOURCE) yield* flush();
  }
  if (pending.length) yield* flush();
}
