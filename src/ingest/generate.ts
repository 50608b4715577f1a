// Synthetic dossiers shaped like real data, for benchmarks and load tests: states with leaders,
// alliances with memberships, and PLEDGED/REFUSED/WARNED with conditions, dates and evidence
// whose quotes are real slices of a generated source text. Degrees are skewed (a few actors make
// most statements, as in event data) and everything is reproducible for a seed.
import { stringify } from 'yaml';
import { seededRandom } from '../analysis/communities.ts';

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

export function generateDossier(options: GenerateOptions): GeneratedDossier {
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

  const sentences: string[] = [];
  let offset = 0;
  const say = (sentence: string) => {
    const start = offset;
    sentences.push(sentence);
    offset += sentence.length + 1;
    return { quote: sentence, start, end: start + sentence.length };
  };
  const relationships: Record<string, unknown>[] = [];
  for (let i = 0; i < options.actors; i++) {
    const state = syntheticStateId(i % states);
    relationships.push({ ref: `lead-${i}`, type: 'LEADS', from: `person:leader-${i}`, to: state, role: 'head of government', evidence: [{ ...say(`Leader ${i} leads ${state}.`), attribution: 'reported' }] });
  }
  for (let i = 0; i < states; i++) {
    const alliance = `alliance:bloc-${skewed(alliances)}`;
    const year = 1950 + pick(70);
    relationships.push({
      ref: `member-${i}`,
      type: 'MEMBER_OF',
      from: syntheticStateId(i),
      to: alliance,
      validFrom: String(year),
      ...(random() < 0.2 ? { validTo: String(year + 1 + pick(30)) } : {}),
      evidence: [{ ...say(`State ${i} joined ${alliance} in ${year}.`), attribution: 'reported' }],
    });
  }
  for (let i = 0; i < options.commitments; i++) {
    const type = KINDS[pick(KINDS.length)] as string;
    const from = syntheticStateId(skewed(states));
    const to = `initiative:programme-${skewed(initiatives)}`;
    const year = 1990 + pick(36);
    const month = String(1 + pick(12)).padStart(2, '0');
    const hasCondition = type === 'PLEDGED' && random() < 0.4;
    relationships.push({
      ref: `c-${i}`,
      type,
      from,
      to,
      action: `statement ${i} on programme`,
      firmness: FIRMNESS[pick(FIRMNESS.length)],
      conditions: hasCondition ? [`condition:condition-${pick(conditions)}`] : [],
      statedAt: `${year}-${month}`,
      validFrom: `${year}-${month}`,
      cameo: type === 'PLEDGED' ? '0334' : type === 'REFUSED' ? '1224' : '130',
      evidence: [{ ...say(`Statement ${i}: ${from} ${type.toLowerCase()} on ${to} in ${year}-${month}.`), attribution: 'reported' }],
    });
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
