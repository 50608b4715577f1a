// Calls the API in-process through yoga.fetch, as the dashboard would over HTTP.
import type { Logger } from 'pino';
import type { VersionClock } from '../../src/graphql/response-cache.ts';
import type { AnalysisService } from '../../src/services/analysis-service.ts';
import type { DraftService } from '../../src/services/draft-service.ts';
import type { GraphBatch, GraphNode } from '../../src/domain/model.ts';
import { loadBatches } from '../../src/ingest/load-dossiers.ts';
import { readRegistry } from '../../src/ingest/dossier-files.ts';
import type { GraphStore } from '../../src/store/graph-store.ts';
import { createServer, type CommitmentGraphServer } from '../../src/server.ts';
import { seedBatches } from './fixtures.ts';

export const API_KEY = 'test-key-0123456789abcdef';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; problems?: { code: string; line?: number; path?: string }[] } }[];
}

export interface ApiClient {
  server: CommitmentGraphServer;
  store: GraphStore;
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
}

let registry: ReadonlyMap<string, GraphNode> | undefined;

/** The API over `store` loaded with the first seed article (or `batches`), in-process. */
export async function seededApi(store: GraphStore, options: { production?: boolean; jit?: boolean; introspection?: boolean; logger?: Logger; analysis?: AnalysisService; drafts?: DraftService; batches?: GraphBatch[]; versions?: VersionClock } = {}): Promise<ApiClient> {
  await loadBatches(store, options.batches ?? seedBatches());
  registry ??= readRegistry('seeds/entities.yaml').nodes;
  const server = createServer({ store, registry, apiKeys: [{ name: 'test-writer', key: API_KEY }], ...(options.analysis ? { analysis: options.analysis } : {}), ...(options.drafts ? { drafts: options.drafts } : {}), ...(options.versions ? { versions: options.versions } : {}) }, { production: options.production ?? false, jit: options.jit, introspection: options.introspection, logger: options.logger });
  return {
    server,
    store,
    async query(query, variables = {}, headers = {}) {
      const response = await server.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
  };
}

/** The error codes of a response, in order. */
export const codes = (response: GraphQLResponse) => (response.errors ?? []).map((e) => e.extensions?.code);
