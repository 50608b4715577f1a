// Per-request context: DataLoaders (one batch query per tick instead of N+1) and who is calling.
import { createHash, timingSafeEqual } from 'node:crypto';
import DataLoader from 'dataloader';
import type { GraphNode, GraphRelationship } from '../domain/model.ts';
import type { AnalysisService } from '../analysis-service.ts';
import type { GraphStore } from '../store/graph-store.ts';

export interface Services {
  store: GraphStore;
  /** The shared entity registry that ingested dossiers may reference. */
  registry: ReadonlyMap<string, GraphNode>;
  apiKeys: readonly string[];
  analysis: AnalysisService;
}

export interface Context {
  services: Services;
  nodes: DataLoader<string, GraphNode | null>;
  relationships: DataLoader<string, GraphRelationship | null>;
  /** True when the request carried a valid API key. */
  authenticated: boolean;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time comparison against every configured key (hashing makes lengths equal). */
export function isValidApiKey(presented: string | undefined, keys: readonly string[]): boolean {
  if (!presented) return false;
  const given = digest(presented);
  let valid = false;
  for (const key of keys) valid = timingSafeEqual(given, digest(key)) || valid;
  return valid;
}

export function bearerToken(header: string | null): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

export function createContext(services: Services, request: Request): Context {
  return {
    services,
    nodes: new DataLoader((ids) => services.store.getNodes(ids), { maxBatchSize: 500 }),
    relationships: new DataLoader((ids) => services.store.getRelationships(ids), { maxBatchSize: 500 }),
    authenticated: isValidApiKey(bearerToken(request.headers.get('authorization')), services.apiKeys),
  };
}
