// The main job: serve the GraphQL API on the configured store (the embedded memory store loaded
// from seeds/ by default, Neo4j when NEO4J_URI is set). GET /healthz answers 200 once the store
// is loaded. SIGTERM lets in-flight requests finish and closes the store.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pino } from 'pino';
import { loadConfig } from './config.ts';
import { DomainError, formatProblem, ValidationError } from './domain/errors.ts';
import { readRegistry } from './ingest/dossier-files.ts';
import { loadSeeds } from './ingest/seed-sources.ts';
import { announceServer, openStore, SERVE } from './store/open-store.ts';
import { createServer, MAX_BODY_BYTES } from './server.ts';
import { DraftService } from './services/draft-service.ts';
import { ServerHealth } from './http/health.ts';
import { AnalysisService } from './services/analysis-service.ts';
import { NlpService } from './services/nlp-service.ts';
import { VersionClock } from './graphql/response-cache.ts';
import { GraphEvents } from './services/graph-events.ts';
import { EventStreams } from './http/event-streams.ts';

const SHUTDOWN_GRACE_MS = 8000;
/** Drain: stop listening once no request has started for this long (at most DRAIN_MAX_MS). */
const DRAIN_QUIET_MS = 250;
const DRAIN_MAX_MS = 3000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  const store = await openStore(config, {
    ...SERVE,
    waitMs: 30_000,
    onWait: (holder) => logger.warn({ holder }, 'waiting for the data folder held by another writer'),
    onWarning: (message, details) => logger.warn(details, message),
  });
  const registry = readRegistry(config.registryFile).nodes;
  const analysis = new AnalysisService(store, config.analysis);

  const versions = config.responseCache.enabled ? new VersionClock(() => store.version(), config.responseCache.pollMs, logger) : undefined;
  await versions?.start();
  // Before the events hub subscribes: the cache's key moves before any client hears of the write.
  if (versions) store.onChange((change) => versions.heard(change.after));
  const health = new ServerHealth();
  // CoreNLP is optional: /healthz reports it, drafts wait for it (NLP_UNAVAILABLE) or use the rules.
  const nlp = new NlpService(config.nlp);
  health.services.nlp = () => nlp.current;
  nlp.begin((status) => logger.info({ nlp: status }, status.state === 'ready' ? 'CoreNLP ready' : 'CoreNLP could not start: drafts use the simpler rules'));
  const drafts = new DraftService(registry, config.analysis, undefined, nlp);
  const events = new GraphEvents(store, analysis, { ...config.subscriptions, pollMs: config.responseCache.pollMs, onError: (err, what) => logger.warn({ err }, what) });
  const eventStreams = new EventStreams(config.streamReservations);
  health.services.streams = () => ({ open: eventStreams.size, reserved: eventStreams.reserved });
  const yoga = createServer(
    { store, registry, apiKeys: config.apiKeys, analysis, drafts, versions, events },
    { production: config.production, logger, jit: config.graphqlJit, introspection: config.introspection, health, eventStreams },
  );

  let lastRequestAt = Date.now();
  // Node checks request timeouts only every connectionsCheckingInterval (30 s by default), so a
  // slow body outlived a 30 s limit by up to 30 s more: checked often enough to hold within ~10%.
  const timeouts = { requestTimeout: config.requestTimeoutMs, connectionsCheckingInterval: Math.min(1000, Math.max(50, Math.round(config.requestTimeoutMs / 10))) };
  const server = createHttpServer(timeouts, (req: IncomingMessage, res: ServerResponse) => {
    lastRequestAt = Date.now();
    // While draining, every answer closes its connection, so clients do not reuse it.
    if (health.stopping) res.setHeader('connection', 'close');
    void yoga(req, res);
  });
  server.maxHeadersCount = 100;
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ url: `http://${config.host}:${port}/graphql`, store: store.kind, maxBodyBytes: MAX_BODY_BYTES }, 'listening');
  // Writing commands on this data folder now send their writes here.
  announceServer(store, `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/graphql`);

  if (config.seedsDir) {
    // Only seeds whose source the store lacks: revisions and reviews made since survive restarts.
    const { loaded, kept, report } = await loadSeeds(store, config.seedsDir, { registryFile: config.registryFile });
    logger.info({ seeds: config.seedsDir, loaded, kept, ...report, createdIds: report.createdIds.length }, 'seeds loaded');
  }
  health.ready = true;
  process.stdout.write(`commitment-graph API ready at http://${config.host}:${port}/graphql (store: ${store.kind})\n`);

  const shutdown = (signal: string) => {
    if (health.stopping) return;
    health.stopping = true;
    logger.info({ signal }, 'shutting down: draining, then finishing in-flight requests');
    // Subscriptions complete and their streams end now: an open stream would hold the server open.
    // The streams end a moment after, once the completions have been written to them.
    events.close();
    setTimeout(() => eventStreams.closeAll(), 50).unref();
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    force.unref();
    // Keep accepting while requests are still arriving (connections already queued in the
    // kernel's backlog would otherwise be reset), then stop listening and let the rest finish.
    const drainStarted = Date.now();
    const drain = setInterval(() => {
      if (Date.now() - lastRequestAt < DRAIN_QUIET_MS && Date.now() - drainStarted < DRAIN_MAX_MS) return;
      clearInterval(drain);
      server.close(() => {
        versions?.stop();
        void Promise.all([analysis.close(), drafts.close(), nlp.close(), store.close()]).finally(() => {
          logger.info('stopped');
          process.exit(0);
        });
      });
      server.closeIdleConnections();
    }, 50);
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ValidationError) for (const p of error.problems) process.stderr.write(`${formatProblem(p)}\n`);
  process.stderr.write(`commitment-graph: ${error instanceof DomainError ? `${error.code}: ${error.message}` : ((error as Error)?.stack ?? String(error))}\n`);
  process.exit(error instanceof DomainError ? 3 : 4);
});
