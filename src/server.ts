// createServer wires the GraphQL API over a store without listening, so tests call it through
// `yoga.fetch` in-process and main.ts serves it. Limits and masking live here.
import { useGraphQlJit } from '@envelop/graphql-jit';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { DraftService } from './services/draft-service.ts';
import { AnalysisService } from './services/analysis-service.ts';
import { GraphEvents } from './services/graph-events.ts';
import { EventStreams } from './http/event-streams.ts';
import type { IncomingMessage } from 'node:http';
import type { AnalysisLimits } from './config.ts';
import { createContext, type Context, type Services } from './graphql/context.ts';
import { maskError } from './graphql/errors.ts';
import { analysisCostRule } from './graphql/analysis-cost.ts';
import { noIntrospectionRule, useVariableCheck } from './graphql/request-checks.ts';
import { getOperationAST, type ValidationRule } from 'graphql';
import { DomainError } from './domain/errors.ts';

const isDomainError = (e: unknown) => e instanceof DomainError || (e as { originalError?: unknown })?.originalError instanceof DomainError;
import { buildSchema } from './graphql/schema.ts';
import { versionedResponseCache } from './graphql/response-cache.ts';
import { CSRF_HEADER } from './http/csrf.ts';
import { httpPlugins } from './http/http-plugins.ts';
import type { ServerHealth } from './http/health.ts';

export interface ServerOptions {
  production: boolean;
  logger?: Logger;
  /** Compile queries with graphql-jit (cached per document) instead of interpreting them; on unless false. */
  jit?: boolean;
  /** Budget and limits of analysis requests (defaults: DEFAULT_ANALYSIS_LIMITS). */
  analysis?: Partial<AnalysisLimits>;
  /** Answer `__schema`/`__type` queries; off in production unless set (CGRAPH_INTROSPECTION). */
  introspection?: boolean;
  /** What /healthz reports (main.ts's state); without it there is no /healthz. */
  health?: ServerHealth;
  /** The built dashboard's folder (default: dist/dashboard). */
  dashboardDir?: string;
  /** The subscriptions' event streams (main.ts ends them on shutdown). */
  eventStreams?: EventStreams;
}

export { MAX_BODY_BYTES, MAX_WRITE_BODY_BYTES } from './http/body-limits.ts';
export const LIMITS = { maxDepth: 12, maxAliases: 20, maxDirectives: 20, maxTokens: 5000, maxCost: 50000 };

export type CommitmentGraphServer = YogaServerInstance<Record<string, never>, Context>;

export function createServer(deps: Omit<Services, 'analysis' | 'drafts' | 'events'> & Partial<Pick<Services, 'analysis' | 'drafts' | 'events'>>, options: ServerOptions): CommitmentGraphServer {
  const logger = options.logger;
  const introspection = options.introspection ?? !options.production;
  const analysis = deps.analysis ?? new AnalysisService(deps.store, options.analysis);
  const events = deps.events ?? new GraphEvents(deps.store, analysis);
  const services: Services = { ...deps, analysis, events, drafts: deps.drafts ?? new DraftService(deps.registry, options.analysis) };
  const eventStreams = options.eventStreams ?? new EventStreams();
  const yoga = createYoga<Record<string, never>, Context>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: !options.production,
    // GraphiQL's page with its scripts and styles inlined from npm: no CDN, so it works offline.
    renderGraphiQL,
    batching: false,
    // The HTTP plugins answer CORS for GraphQL themselves, after /healthz and the static files (http/http-plugins.ts).
    cors: false,
    logging: logger
      ? {
          debug: () => undefined,
          info: (...a) => logger.info(a),
          warn: (...a) => logger.warn(a),
          // A coded error the client was told about (BAD_ARGUMENT, ANALYSIS_TIMEOUT…) is not the server's error: debug, not error.
          error: (...a) => (a.every(isDomainError) ? logger.debug(a) : logger.error(a)),
        }
      : false,
    // The Node request's socket names the client for per-client limits when it carries no API key.
    context: ({ request, ...server }) => createContext(services, request, (server as { req?: IncomingMessage }).req?.socket.remoteAddress),
    maskedErrors: {
      maskError: (error, message) =>
        maskError(error, message, (internal) => logger?.error({ err: internal }, 'internal error while answering a query'), { production: options.production }),
    },
    plugins: [
      // /healthz, the dashboard and Browser-kit files, CORS, the 411 and 413 body limits: before anything reads the request.
      ...httpPlugins({ apiKeys: services.apiKeys, health: options.health, storeKind: services.store.kind, dashboardDir: options.dashboardDir }),
      // Subscriptions over SSE at /graphql/stream (http/event-streams.ts); the limits below apply to them too.
      ...eventStreams.plugins(services.apiKeys),
      // First of the GraphQL plugins, so neither the response cache nor graphql-jit sees variables that do not fit.
      useVariableCheck(),
      // Subscriptions run uncompiled: graphql-jit's subscribe lost their arguments (a filter let everything through).
      ...(options.jit !== false ? [useGraphQlJit({}, { enableIf: (args) => getOperationAST(args.document, args.operationName ?? undefined)?.operation !== 'subscription' })] : []),
      // Repeated queries from memory, keyed by the graph version (response-cache.ts); only with a version clock.
      ...(services.versions ? [versionedResponseCache(services.versions)] : []),
      // GET and form posts skip the browser's CORS preflight: they must carry this header.
      useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }),
      EnvelopArmorPlugin({
        maxDepth: { n: LIMITS.maxDepth, ignoreIntrospection: true },
        // armor skips aliases of __typename by default: a thousand of them would pass the limit.
        maxAliases: { n: LIMITS.maxAliases, allowList: [] },
        maxDirectives: { n: LIMITS.maxDirectives },
        maxTokens: { n: LIMITS.maxTokens },
        costLimit: { maxCost: LIMITS.maxCost },
        blockFieldSuggestion: { enabled: options.production },
      }),
      {
        // The analysis fields cost by the work behind them (graphql/analysis-cost.ts).
        onValidate({ addValidationRule }: { addValidationRule: (rule: ValidationRule) => void }) {
          addValidationRule(analysisCostRule());
          if (!introspection) addValidationRule(noIntrospectionRule);
        },
      },
    ],
  });
  eventStreams.servedBy(async (request) => yoga.fetch(request));
  return yoga;
}
