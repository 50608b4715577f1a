// The review page's calls to the public GraphQL API: the draft, the actor lookup, and the
// authenticated ingest. Errors come back whole (code, message, the dossier's located problems).
import type { ReviewCandidate } from './review-yaml.ts';

/** The header yoga's CSRF prevention asks writes for (src/http/csrf.ts; a unit test keeps them equal). */
export const CSRF_HEADER = 'x-graphql-csrf';

export interface Problem {
  code: string;
  message: string;
  path?: string;
  line?: number;
}

export interface ApiFailure {
  code: string;
  message: string;
  problems: Problem[];
}

export class ReviewApiError extends Error {
  constructor(readonly failures: ApiFailure[]) {
    super(failures.map((f) => `${f.code}: ${f.message}`).join('; '));
  }
}

async function request<T>(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', [CSRF_HEADER]: '1', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string; problems?: Problem[] } }[] };
  if (body.errors?.length) throw new ReviewApiError(body.errors.map((e) => ({ code: e.extensions?.code ?? 'ERROR', message: e.message, problems: e.extensions?.problems ?? [] })));
  return body.data as T;
}

export interface DraftCandidate extends ReviewCandidate {
  quote: string;
  sentence: number;
  cue: string;
  confidence: number;
  attribution: string;
  speaker: string | null;
}

export interface DraftResult {
  candidates: DraftCandidate[];
  yaml: string;
  drafter: string;
  warnings: string[];
  sentences: number;
  newEntities: number;
}

export const draftDossier = async (text: string, source: { sourceId?: string; url?: string; publishedAt?: string }): Promise<DraftResult> =>
  (
    await request<{ draftDossier: DraftResult }>(
      'query Draft($text: String!, $sourceId: ID, $url: String, $publishedAt: String) { draftDossier(text: $text, sourceId: $sourceId, url: $url, publishedAt: $publishedAt) { candidates { type from to quote start end sentence firmness conditions cue confidence attribution speaker ref } yaml drafter warnings sentences newEntities } }',
      { text, ...source },
    )
  ).draftDossier;

export interface LookupResult {
  id: string;
  name: string;
  kind: string;
  foundIn: string[];
  matched: string;
  node: { id: string } | null;
  /** The entity a dossier introduces for it when neither the graph nor the registry holds it. */
  proposed: ({ id: string; kind: string; name: string } & Record<string, unknown>) | null;
}

export const lookupActor = async (text: string): Promise<LookupResult[]> =>
  (await request<{ lookup: LookupResult[] }>('query Lookup($text: String!) { lookup(text: $text, first: 6) { id name kind foundIn matched node { id } proposed { id kind name aliases iso3 iso2 cowCode cowAbbrev wikidata note } } }', { text })).lookup;

export interface IngestResult {
  relationshipsCreated: number;
  relationshipsUpdated: number;
  relationshipsUnchanged: number;
  statementsAdded: number;
  relationships: { id: string; type: string; from: { id: string; name: string }; to: { id: string; name: string } }[];
}

export const ingestDossier = async (yaml: string, sourceText: string, apiKey: string): Promise<IngestResult> =>
  (
    await request<{ ingestDossier: IngestResult }>(
      'mutation Ingest($yaml: String!, $sourceText: String!) { ingestDossier(yaml: $yaml, sourceText: $sourceText) { relationshipsCreated relationshipsUpdated relationshipsUnchanged statementsAdded relationships { id type from { id name } to { id name } } } }',
      { yaml, sourceText },
      apiKey ? { authorization: `Bearer ${apiKey}` } : {},
    )
  ).ingestDossier;
