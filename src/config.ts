// Configuration from the environment, checked once: every problem is collected and thrown
// together (never the first only), and nothing here exits the process.
import { resolve } from 'node:path';
import { DomainError } from './domain/errors.ts';
import { DEFAULT_REGISTRY_FILE } from './project-files.ts';

export interface Neo4jConfig {
  uri: string;
  user: string;
  password: string;
  database: string | undefined;
  batchSize: number;
}

/** How much analysis one API request may ask for, and how long it may wait (services/analysis-service.ts). */
export interface AnalysisLimits {
  /** How long a request waits for an analysis before ANALYSIS_TIMEOUT (the work goes on). */
  budgetMs: number;
  /** How long one analysis may run before its worker is stopped (ANALYSIS_TOO_LARGE). */
  hardLimitMs: number;
  /** Analyses waiting or running beyond which new ones are refused (ANALYSIS_BUSY). */
  maxPending: number;
}

export const DEFAULT_ANALYSIS_LIMITS: AnalysisLimits = { budgetMs: 5000, hardLimitMs: 120_000, maxPending: 8 };

/** Live subscriptions (services/graph-events.ts): how many, how much each may fall behind. */
export interface SubscriptionLimits {
  /** Open subscriptions per client (an API key's name, else the IP address). */
  perClient: number;
  /** Open subscriptions in all. */
  total: number;
  /** Events one subscription may have waiting for a slow reader; past it they are dropped for one resync event. */
  queue: number;
  /** How long tensionsChanged waits after a write for more writes before it asks the analysis worker, ms. */
  coalesceMs: number;
}

export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = { perClient: 16, total: 1000, queue: 64, coalesceMs: 200 };

/** Stream reservations (graphql-sse's single-connection `PUT`) not yet opened (http/stream-reservations.ts). */
export interface StreamReservationLimits {
  /** Unopened reservations per client (an API key's name, else the IP address); past it a PUT gets 429. */
  perClient: number;
  /** Unopened reservations of all clients together (many addresses could each hold their share). */
  total: number;
  /** How long a reservation may stay unopened before it is dropped, ms. */
  ttlMs: number;
}

export const DEFAULT_STREAM_RESERVATION_LIMITS: StreamReservationLimits = { perClient: 8, total: 1000, ttlMs: 30_000 };

/** How often the response cache reads the graph version (graphql/response-cache.ts), ms. */
export const DEFAULT_VERSION_POLL_MS = 100;

export interface Config {
  store: 'memory' | 'neo4j';
  /** Where the memory store persists (CGRAPH_DATA_DIR, default .data/). */
  dataDir: string;
  /** Seeds loaded at start-up (CGRAPH_SEEDS_DIR, default seeds/; "none" to load none). */
  seedsDir: string | undefined;
  /** The entity registry dossiers resolve ids against (CGRAPH_REGISTRY, default the project's seeds/entities.yaml). */
  registryFile: string;
  neo4j: Neo4jConfig | undefined;
  port: number;
  host: string;
  /**
   * API keys that may write (CGRAPH_API_KEYS: comma-separated `name:key`); none by default, so
   * writes are refused. The name is recorded with what a key writes (reviews). A bare key (the
   * older form) is named `key-<n>` by its position.
   */
  apiKeys: ApiKey[];
  /** Production masks internal errors and turns off GraphiQL and field suggestions. */
  production: boolean;
  /** Answer introspection queries (CGRAPH_INTROSPECTION=on|off): off by default in production, on otherwise. */
  introspection: boolean;
  /**
   * How long a client may take to send a whole request, headers and body (CGRAPH_REQUEST_TIMEOUT_MS,
   * default 30000); past it the connection gets 408 and is closed.
   */
  requestTimeoutMs: number;
  logLevel: string;
  /** Compile queries with graphql-jit (CGRAPH_GRAPHQL_JIT=on|off, on by default: bench/ measures it against off). */
  graphqlJit: boolean;
  /**
   * Repeated queries answered from memory by graph version (response-cache.ts): CGRAPH_RESPONSE_CACHE
   * on|off (on by default), the version polled every CGRAPH_VERSION_POLL_MS (default 100): how
   * stale an answer may be after a write by another process.
   */
  responseCache: { enabled: boolean; pollMs: number };
  /**
   * Analysis off the event loop (services/analysis-service.ts): CGRAPH_ANALYSIS_BUDGET_MS (how long a
   * request waits, default 5000), CGRAPH_ANALYSIS_MAX_MS (when a run is stopped, default 120000),
   * CGRAPH_ANALYSIS_MAX_PENDING (analyses queued at most, default 8).
   */
  analysis: AnalysisLimits;
  /**
   * Subscriptions (docs/api.md "Subscriptions"): CGRAPH_SUBSCRIPTIONS_PER_CLIENT (default 16),
   * CGRAPH_SUBSCRIPTIONS_MAX (default 1000), CGRAPH_SUBSCRIPTION_QUEUE (default 64 events).
   */
  subscriptions: SubscriptionLimits;
  /**
   * Stream reservations never opened: CGRAPH_STREAM_RESERVATIONS_PER_CLIENT (default 8),
   * CGRAPH_STREAM_RESERVATIONS_MAX (all clients, default 1000),
   * CGRAPH_STREAM_RESERVATION_TTL_MS (default 30000).
   */
  streamReservations: StreamReservationLimits;
  nlp: NlpConfig;
}

/**
 * Stanford CoreNLP for drafts: CGRAPH_NLP_URL names a running server; else CGRAPH_NLP=start has the
 * API start a local one in the background at start-up, off never uses one (drafts by rules only),
 * and auto (the default) uses the one `npm run nlp:start` runs, if any.
 */
export interface NlpConfig {
  url: string | undefined;
  mode: 'auto' | 'start' | 'off';
}

export class ConfigError extends DomainError {
  constructor(readonly problems: string[]) {
    super('CONFIG_INVALID', `configuration is invalid:\n  - ${problems.join('\n  - ')}`, { problems });
  }
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    return fallback;
  }
  return value;
}

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean, problems: string[]): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (!value) return fallback;
  if (value === 'on' || value === 'off') return value === 'on';
  problems.push(`${name} must be on or off, got "${value}"`);
  return fallback;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const uri = env.NEO4J_URI?.trim();
  if (uri && !/^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^\s]+$/.test(uri)) problems.push(`NEO4J_URI must be a bolt:// or neo4j:// URI, got "${uri}"`);
  const storeName = (env.CGRAPH_STORE ?? (uri ? 'neo4j' : 'memory')).trim();
  if (storeName !== 'memory' && storeName !== 'neo4j') problems.push(`CGRAPH_STORE must be memory or neo4j, got "${storeName}"`);
  if (storeName === 'neo4j' && !uri) problems.push('CGRAPH_STORE=neo4j needs NEO4J_URI (for example bolt://127.0.0.1:7687)');
  const apiKeys = parseApiKeys(env.CGRAPH_API_KEYS ?? '', problems);
  const neo4j: Neo4jConfig | undefined = uri
    ? {
        uri,
        user: env.NEO4J_USER ?? env.NEO4J_USERNAME ?? 'neo4j',
        password: env.NEO4J_PASSWORD ?? '',
        database: env.NEO4J_DATABASE || undefined,
        batchSize: integer(env, 'CGRAPH_BATCH_SIZE', 1000, 1, 100_000, problems),
      }
    : undefined;
  const config: Config = {
    store: storeName === 'neo4j' ? 'neo4j' : 'memory',
    dataDir: resolve(env.CGRAPH_DATA_DIR || '.data'),
    seedsDir: env.CGRAPH_SEEDS_DIR === 'none' ? undefined : resolve(env.CGRAPH_SEEDS_DIR || 'seeds'),
    registryFile: env.CGRAPH_REGISTRY ? resolve(env.CGRAPH_REGISTRY) : DEFAULT_REGISTRY_FILE,
    neo4j,
    port: integer(env, 'PORT', 4000, 0, 65535, problems),
    host: env.HOST || '127.0.0.1',
    apiKeys,
    production: env.NODE_ENV === 'production',
    introspection: onOff(env, 'CGRAPH_INTROSPECTION', env.NODE_ENV !== 'production', problems),
    requestTimeoutMs: integer(env, 'CGRAPH_REQUEST_TIMEOUT_MS', 30_000, 100, 600_000, problems),
    logLevel: env.LOG_LEVEL || 'info',
    graphqlJit: onOff(env, 'CGRAPH_GRAPHQL_JIT', true, problems),
    responseCache: {
      enabled: onOff(env, 'CGRAPH_RESPONSE_CACHE', true, problems),
      pollMs: integer(env, 'CGRAPH_VERSION_POLL_MS', DEFAULT_VERSION_POLL_MS, 10, 10_000, problems),
    },
    analysis: {
      budgetMs: integer(env, 'CGRAPH_ANALYSIS_BUDGET_MS', DEFAULT_ANALYSIS_LIMITS.budgetMs, 1, 600_000, problems),
      hardLimitMs: integer(env, 'CGRAPH_ANALYSIS_MAX_MS', DEFAULT_ANALYSIS_LIMITS.hardLimitMs, 100, 3_600_000, problems),
      maxPending: integer(env, 'CGRAPH_ANALYSIS_MAX_PENDING', DEFAULT_ANALYSIS_LIMITS.maxPending, 1, 1000, problems),
    },
    subscriptions: {
      perClient: integer(env, 'CGRAPH_SUBSCRIPTIONS_PER_CLIENT', DEFAULT_SUBSCRIPTION_LIMITS.perClient, 1, 10_000, problems),
      total: integer(env, 'CGRAPH_SUBSCRIPTIONS_MAX', DEFAULT_SUBSCRIPTION_LIMITS.total, 1, 1_000_000, problems),
      queue: integer(env, 'CGRAPH_SUBSCRIPTION_QUEUE', DEFAULT_SUBSCRIPTION_LIMITS.queue, 1, 100_000, problems),
      coalesceMs: DEFAULT_SUBSCRIPTION_LIMITS.coalesceMs,
    },
    streamReservations: {
      perClient: integer(env, 'CGRAPH_STREAM_RESERVATIONS_PER_CLIENT', DEFAULT_STREAM_RESERVATION_LIMITS.perClient, 1, 10_000, problems),
      total: integer(env, 'CGRAPH_STREAM_RESERVATIONS_MAX', DEFAULT_STREAM_RESERVATION_LIMITS.total, 1, 100_000, problems),
      ttlMs: integer(env, 'CGRAPH_STREAM_RESERVATION_TTL_MS', DEFAULT_STREAM_RESERVATION_LIMITS.ttlMs, 100, 600_000, problems),
    },
    nlp: nlpConfig(env, problems),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

function nlpConfig(env: NodeJS.ProcessEnv, problems: string[]): NlpConfig {
  const url = env.CGRAPH_NLP_URL?.trim() || undefined;
  if (url && !/^https?:\/\/[^\s]+$/.test(url)) problems.push(`CGRAPH_NLP_URL must be an http:// or https:// URL, got "${url}"`);
  const mode = env.CGRAPH_NLP?.trim().toLowerCase() || 'auto';
  if (mode !== 'auto' && mode !== 'start' && mode !== 'off') {
    problems.push(`CGRAPH_NLP must be start, off or auto, got "${mode}"`);
    return { url, mode: 'auto' };
  }
  if (url && mode !== 'auto') problems.push(`CGRAPH_NLP=${mode} and CGRAPH_NLP_URL exclude each other: the URL names a server to use; set one of them`);
  return { url, mode };
}

export interface ApiKey {
  /** Who writes with it (recorded on reviews): letters, digits, . _ - */
  name: string;
  key: string;
}

const KEY_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** `name:key,name:key` (a bare `key` is named key-<n>); problems are added to `problems`. */
export function parseApiKeys(value: string, problems: string[]): ApiKey[] {
  const entries = value.split(',').map((k) => k.trim()).filter(Boolean);
  const keys = entries.map((entry, index) => {
    const colon = entry.indexOf(':');
    return colon > 0 ? { name: entry.slice(0, colon), key: entry.slice(colon + 1) } : { name: `key-${index + 1}`, key: entry };
  });
  for (const { name, key } of keys) {
    if (!KEY_NAME.test(name)) problems.push(`CGRAPH_API_KEYS: the name "${name}" must be 1–64 letters, digits, dots, dashes or underscores`);
    if (key.length < 16) problems.push(`CGRAPH_API_KEYS: the key named "${name}" must be at least 16 characters`);
  }
  const names = keys.map((k) => k.name);
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  if (repeated.length) problems.push(`CGRAPH_API_KEYS: each name once; repeated: ${[...new Set(repeated)].join(', ')}`);
  return keys;
}
