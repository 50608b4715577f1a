// Per-request context: DataLoaders (one batch query per tick instead of N+1) and who is calling.
import { createHash, timingSafeEqual } from 'node:crypto';
import DataLoader from 'dataloader';
import type { GraphNode } from '../domain/model.ts';
import { DomainError } from '../domain/errors.ts';
import type { AnalysisService } from '../services/analysis-service.ts';
import type { DraftService } from '../services/draft-service.ts';
import type { GraphEvents } from '../services/graph-events.ts';
import type { GraphStore, Page } from '../store/graph-store.ts';
import type { Fact } from '../domain/statements.ts';
import type { ApiKey } from '../config.ts';
import type { VersionClock } from './response-cache.ts';

export interface Services {
  store: GraphStore;
  /** The shared entity registry that ingested dossiers may reference. */
  registry: ReadonlyMap<string, GraphNode>;
  apiKeys: readonly ApiKey[];
  analysis: AnalysisService;
  /** Drafts of dossiers from articles (draftDossier), off the event loop. */
  drafts: DraftService;
  /** Live events for subscriptions (graph-events.ts). */
  events: GraphEvents;
  /** The graph version the response cache keys by (response-cache.ts); read again after each write. None: no cache. */
  versions?: VersionClock;
}

export interface Context {
  services: Services;
  nodes: DataLoader<string, GraphNode | null>;
  relationships: DataLoader<string, Fact | null>;
  /** Pages of a node's relationships read ahead with the node (prefetch.ts), by sideKey. */
  pages: Map<string, Page<Fact>>;
  /** True when the request carried a valid API key. */
  authenticated: boolean;
  /** The name of the API key the request carried (recorded with what it writes). */
  caller: string | undefined;
  /** Who is asking, for per-client limits (subscriptions): the API key's name, else the IP address. */
  client: string;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The name of the key presented, compared in constant time against every configured key (hashing makes lengths equal). */
export function apiKeyName(presented: string | undefined, keys: readonly ApiKey[]): string | undefined {
  if (!presented) return undefined;
  const given = digest(presented);
  let name: string | undefined;
  for (const key of keys) if (timingSafeEqual(given, digest(key.key))) name ??= key.name;
  return name;
}

export function bearerToken(header: string | null): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** Who a request counts as for per-client limits (subscriptions, stream reservations): its API key's name, else its address. */
export function clientOf(caller: string | undefined, address: string | undefined): string {
  return caller ? `key:${caller}` : `ip:${address ?? 'unknown'}`;
}

/** The client of a request straight from its headers (for the HTTP side, before a context exists). */
export function requestClient(request: Request, apiKeys: readonly ApiKey[], address: string | undefined): string {
  return clientOf(apiKeyName(bearerToken(request.headers.get('authorization')), apiKeys), address);
}

export function createContext(services: Services, request: Request, address?: string): Context {
  const caller = apiKeyName(bearerToken(request.headers.get('authorization')), services.apiKeys);
  const context: Context = {
    services,
    nodes: new DataLoader((ids) => services.store.getNodes(ids), { maxBatchSize: 500 }),
    relationships: new DataLoader(
      async (ids) => {
        // The nodes they name come in the same read: their resolvers then find them loaded.
        const result = await services.store.read({ relationships: ids, references: true });
        for (const [id, node] of result.nodes) context.nodes.prime(id, node);
        return ids.map((id) => result.relationships.get(id) ?? null);
      },
      { maxBatchSize: 500 },
    ),
    pages: new Map(),
    authenticated: caller !== undefined,
    caller,
    client: clientOf(caller, address),
  };
  return context;
}

/** The caller's key name, or UNAUTHENTICATED: every write needs an API key. */
export function authenticated(context: Context, operation: string): string {
  if (!context.authenticated || !context.caller) {
    throw new DomainError('UNAUTHENTICATED', `${operation} needs an API key: send "Authorization: Bearer <key>"`);
  }
  return context.caller;
}
