// Data access: typed GraphQL documents over the public API (POST /graphql, same origin). Nothing
// private: this is what any dashboard of the API can do.
import type { StatementFilter } from './state.ts';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly codes: string[],
  ) {
    super(message);
  }
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length) throw new ApiError(body.errors.map((e) => e.message).join('; '), body.errors.map((e) => e.extensions?.code ?? 'ERROR'));
  return body.data as T;
}

export interface NodeRef {
  id: string;
  name: string;
  kind: string;
}

export interface Period {
  from: string | null;
  to: string | null;
}

/** What the graph view needs of a relationship: no evidence (loaded on demand). */
export interface EdgeRecord {
  id: string;
  type: string;
  from: { id: string };
  to: { id: string };
  periods: Period[];
  firmness?: string | null;
  action?: string | null;
}

interface Page<T> {
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Every item of a paged list, 500 at a time. */
async function allPages<T>(fetchPage: (after: string | null) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page<T> = await fetchPage(after);
    for (const edge of page.edges) items.push(edge.node);
    if (!page.pageInfo.hasNextPage) return items;
    after = page.pageInfo.endCursor;
  }
}

export const loadNodes = () =>
  allPages<NodeRef>(async (after) => (await gql<{ nodes: Page<NodeRef> }>('query Nodes($after: String) { nodes(first: 500, after: $after) { edges { node { id name kind } } pageInfo { hasNextPage endCursor } } }', { after })).nodes);

/** The sources the API knows (the source filter's choices). */
export const loadSources = () =>
  allPages<NodeRef>(async (after) => (await gql<{ nodes: Page<NodeRef> }>('query Sources($after: String) { nodes(kind: SOURCE, first: 500, after: $after) { edges { node { id name kind } } pageInfo { hasNextPage endCursor } } }', { after })).nodes);

export const loadEdges = () =>
  allPages<EdgeRecord>(
    async (after) =>
      (
        await gql<{ relationships: Page<EdgeRecord> }>(
          'query Edges($after: String) { relationships(first: 500, after: $after) { edges { node { id type from { id } to { id } periods { from to } ... on Commitment { firmness action } } } pageInfo { hasNextPage endCursor } } }',
          { after },
        )
      ).relationships,
  );

/** Ids of the relationships the API's filter selects: one statement meets its sources, date and grades together (the API's definitions). */
export const relationshipIds = async (filter: StatementFilter): Promise<Set<string>> =>
  new Set(
    (
      await allPages<{ id: string }>(
        async (after) => (await gql<{ relationships: Page<{ id: string }> }>('query Ids($filter: RelationshipFilter, $after: String) { relationships(filter: $filter, first: 500, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }', { filter, after })).relationships,
      )
    ).map((r) => r.id),
  );

export const search = async (text: string): Promise<NodeRef[]> => (await gql<{ search: NodeRef[] }>('query Search($text: String!) { search(text: $text, first: 8) { id name kind } }', { text })).search;

export interface EvidenceRecord {
  /** Both grades in Admiralty notation (B2); null when ungraded. */
  grade: string | null;
  quote: string;
  start: number;
  end: number;
  attribution: string | null;
  speaker: { name: string } | null;
  source: { id: string; name: string; url: string | null };
}

export interface CommitmentDetail {
  id: string;
  type: string;
  from: NodeRef;
  to: NodeRef;
  action: string | null;
  firmness: string | null;
  statedAt: string | null;
  validity: Period;
  gates: { condition: { id: string; name: string }; inheritedFrom: { name: string } | null }[];
  evidence: EvidenceRecord[];
  sourceCount: number;
  disputed: boolean;
  disagreements: { property: string; values: string[] }[];
  statements: { source: { name: string }; review: { state: string } }[];
}

const COMMITMENT_FIELDS = `id type from { id name kind } to { id name kind } evidence { quote start end attribution speaker { name } source { id name url } grade }
  validity { from to } sourceCount disputed disagreements { property values } statements { source { name } review { state } }
  ... on Commitment { action firmness statedAt gates { condition { id name } inheritedFrom { name } } }`;

/** Commitments per direction in the details panel (the API's query cost allows 50 with their evidence). */
export const DETAILS_PAGE = 50;

/** A node's commitments; on a date (`asOf`), those of that day, each with only that day's evidence and statements. */
export async function nodeDetails(id: string, asOf: string | null): Promise<{ node: NodeRef & { aliases: string[]; outgoing: Page<CommitmentDetail>; incoming: Page<CommitmentDetail> } } | null> {
  const types = ['PLEDGED', 'REFUSED', 'WARNED'];
  return gql(`query NodeDetails($id: ID!, $types: [String!], $asOf: String) { node(id: $id) { id name kind aliases
    outgoing(types: $types, first: 50, asOf: $asOf) { edges { node { ${COMMITMENT_FIELDS} } } pageInfo { hasNextPage endCursor } }
    incoming(types: $types, first: 50, asOf: $asOf) { edges { node { ${COMMITMENT_FIELDS} } } pageInfo { hasNextPage endCursor } } } }`, { id, types, asOf });
}

/** A relationship; on a date, as it stood then (null when nothing stated it yet). */
export const relationshipDetails = async (id: string, asOf: string | null): Promise<CommitmentDetail | null> =>
  (await gql<{ relationship: CommitmentDetail | null }>(`query Relationship($id: ID!, $asOf: String) { relationship(id: $id, asOf: $asOf) { ${COMMITMENT_FIELDS} } }`, { id, asOf })).relationship;

export const sourceText = async (id: string): Promise<{ name: string; text: string; url: string | null } | null> =>
  (await gql<{ node: { name: string; text: string; url: string | null } | null }>('query SourceText($id: ID!) { node(id: $id) { name ... on Source { text url } } }', { id })).node;

export interface PathRecord {
  length: number;
  nodes: NodeRef[];
  relationships: CommitmentDetail[];
}

export const shortestPath = async (from: string, to: string, asOf: string | null, types: string[] | null): Promise<PathRecord | null> =>
  (await gql<{ shortestPath: PathRecord | null }>(`query Path($from: ID!, $to: ID!, $asOf: String, $types: [String!]) { shortestPath(from: $from, to: $to, asOf: $asOf, types: $types) { length nodes { id name kind } relationships { ${COMMITMENT_FIELDS} } } }`, { from, to, asOf, types })).shortestPath;

export interface TensionRecord {
  kind: string;
  explanation: string;
  relationships: { id: string }[];
}

export const tensions = async (asOf: string | null): Promise<{ items: TensionRecord[]; total: number }> => {
  const data = await gql<{ tensions: { totalCount: number; edges: { node: TensionRecord }[] } }>('query Tensions($asOf: String) { tensions(asOf: $asOf, first: 100) { totalCount edges { node { kind explanation relationships { id } } } } }', { asOf });
  return { items: data.tensions.edges.map((e) => e.node), total: data.tensions.totalCount };
};

export interface ScenarioRecord {
  counts: { active: number; inactive: number; undetermined: number; withdrawn: number };
  active: { id: string }[];
  inactive: { id: string }[];
  undetermined: { id: string }[];
  reasons: { commitment: { id: string }; condition: { name: string }; outcome: string; explanation: string }[];
}

export const scenario = async (assume: string[], deny: string[], asOf: string | null): Promise<ScenarioRecord> =>
  (
    await gql<{ scenario: ScenarioRecord }>(
      'query Scenario($assume: [ID!], $deny: [ID!], $asOf: String) { scenario(assume: $assume, deny: $deny, asOf: $asOf) { counts { active inactive undetermined withdrawn } active(first: 1000) { id } inactive(first: 1000) { id } undetermined(first: 1000) { id } reasons(first: 100) { commitment { id } condition { name } outcome explanation } } }',
      { assume, deny, asOf },
    )
  ).scenario;

/** An edge with its ends named: what a live update needs to draw a relationship the page has not seen. */
export interface LiveEdgeRecord extends EdgeRecord {
  from: NodeRef;
  to: NodeRef;
}

/** The API's alias limit (ALIAS_LIMIT_EXCEEDED past it): ids asked for in one request. */
const IDS_PER_REQUEST = 20;
/** Requests in flight at once: the tab's stream holds one of the browser's six connections. */
const REQUESTS_AT_ONCE = 4;

async function relationshipsOf(ids: readonly string[]): Promise<LiveEdgeRecord[]> {
  const fields = ids.map((_, i) => `r${i}: relationship(id: $id${i}) { id type from { id name kind } to { id name kind } periods { from to } ... on Commitment { firmness action } }`);
  const data = await gql<Record<string, LiveEdgeRecord | null>>(`query Live(${ids.map((_, i) => `$id${i}: ID!`).join(', ')}) { ${fields.join(' ')} }`, Object.fromEntries(ids.map((id, i) => [`id${i}`, id])));
  return Object.values(data).filter((r): r is LiveEdgeRecord => r !== null);
}

/** Relationships by id (aliased fields, a few requests at a time); an id with no relationship now is left out. */
export async function relationshipsByIds(ids: readonly string[]): Promise<LiveEdgeRecord[]> {
  const chunks: string[][] = [];
  for (let start = 0; start < ids.length; start += IDS_PER_REQUEST) chunks.push(ids.slice(start, start + IDS_PER_REQUEST));
  const found: LiveEdgeRecord[] = [];
  for (let start = 0; start < chunks.length; start += REQUESTS_AT_ONCE) {
    for (const records of await Promise.all(chunks.slice(start, start + REQUESTS_AT_ONCE).map(relationshipsOf))) found.push(...records);
  }
  return found;
}
