// The Neo4j executor: the driver's lifecycle, sessions and transaction functions, error translation,
// consistent reads and the fault-injection hook for write statements. It knows nothing of the model:
// the store (neo4j-store.ts) says what to run. Only here is a driver made.
import neo4j, { isRetriableError, type BookmarkManager, type Driver, type ManagedTransaction } from 'neo4j-driver';
import { DomainError } from '../../domain/errors.ts';
import type { Neo4jConfig } from '../../config.ts';
import { cypher, cypherStatements } from './cypher-library.ts';

/** A seam for fault-injection tests: called before every statement of a write transaction. */
export interface Neo4jStoreHooks {
  beforeWriteStatement?: () => void;
  /** How often a read is tried before it fails as READ_INCONSISTENT (default 20). */
  readAttempts?: number;
  /** The bookmarks every transaction of this executor shares (default: a new manager); tests pass one that records. */
  bookmarks?: BookmarkManager;
}

export const DEFAULT_READ_ATTEMPTS = 20;

function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === 'ServiceUnavailable' || code === 'SessionExpired' || code === 'Neo.ClientError.Security.Unauthorized' || code === 'ECONNREFUSED';
}

/** The graph version moved during every try of a read: the answer could mix two states of the graph. */
export class InconsistentReadError extends DomainError {
  constructor(attempts: number) {
    super('READ_INCONSISTENT', `the graph changed during each of ${attempts} tries of this read (writes are under way); try again shortly`, {
      attempts,
      retryable: true,
    });
  }
}

/**
 * An unreachable server is STORE_UNAVAILABLE; reads never see half a write. Only src/store/neo4j
 * imports neo4j-driver (test/unit/cypher-safety.test.ts says so).
 */
export class Neo4jExecutor {
  /**
   * One causal chain for the whole process: every session and auto-commit query starts from the
   * bookmarks of every transaction before it and adds its own. On a cluster a read routed to a
   * secondary then waits until that member has applied this process's writes and whatever version
   * its earlier reads saw (a read's bookmark is the state it read), so the API reads its own
   * writes and never answers from a state older than the graph version it keys its cache by. On
   * one server bookmarks are always satisfied and cost nothing. Other processes' bookmarks are
   * not known here: their writes arrive with replication (docs/scaling.md).
   */
  private readonly bookmarks: BookmarkManager;

  private constructor(
    private readonly driver: Driver,
    readonly config: Neo4jConfig,
    private readonly hooks: Neo4jStoreHooks,
  ) {
    this.bookmarks = hooks.bookmarks ?? neo4j.bookmarkManager();
  }

  /** A session in the process's causal chain. */
  private session(mode: 'READ' | 'WRITE') {
    return this.driver.session({ database: this.config.database, defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE, bookmarkManager: this.bookmarks });
  }

  /** executeQuery's settings: this database, the routing, and the process's causal chain. */
  private queryConfig(routing: 'READ' | 'WRITE') {
    return { database: this.config.database, routing: routing === 'READ' ? neo4j.routing.READ : neo4j.routing.WRITE, bookmarkManager: this.bookmarks };
  }

  /** Connects, checks the server answers, and creates constraints idempotently. */
  static async connect(config: Neo4jConfig, hooks: Neo4jStoreHooks = {}): Promise<Neo4jExecutor> {
    const executor = await Neo4jExecutor.open(config, hooks);
    try {
      for (const statement of cypherStatements('schema/create-constraints')) {
        await executor.guard(() => executor.driver.executeQuery(statement, {}, executor.queryConfig('WRITE')));
      }
      return executor;
    } catch (error) {
      await executor.close();
      throw error;
    }
  }

  /**
   * Connects and checks the server answers, creating nothing: for a look at a database that is
   * not (yet) a store, such as the first-load import's check of what a target holds.
   */
  static async open(config: Neo4jConfig, hooks: Neo4jStoreHooks = {}): Promise<Neo4jExecutor> {
    const auth = config.password ? neo4j.auth.basic(config.user, config.password) : undefined;
    const driver = neo4j.driver(config.uri, auth, {
      connectionTimeout: 10_000,
      maxTransactionRetryTime: 15_000,
      // Integers arrive as numbers: no per-value conversion when snapshots read every property.
      disableLosslessIntegers: true,
      logging: { level: 'error', logger: () => undefined },
    });
    const executor = new Neo4jExecutor(driver, config, hooks);
    try {
      await executor.guard(() => driver.verifyConnectivity({ database: config.database }));
      return executor;
    } catch (error) {
      await driver.close();
      throw error;
    }
  }

  /** Runs `work`, translating a server that cannot be reached into STORE_UNAVAILABLE. */
  async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      const reason = (error as Error)?.message?.split('\n')[0] ?? String(error);
      throw new DomainError(
        'STORE_UNAVAILABLE',
        `Neo4j at ${this.config.uri} is not available (${reason}); start it (npm run neo4j:start) or fix NEO4J_URI`,
        { uri: this.config.uri },
      );
    }
  }

  /** The graph version, read on its own (analysis caches against it). */
  async graphVersion(): Promise<number> {
    return this.guard(async () => {
      const result = await this.driver.executeQuery(cypher('store/get-graph-version'), {}, this.queryConfig('READ'));
      return Number(result.records[0]?.get('version') ?? 0);
    });
  }

  /** One statement as one auto-commit read, its rows as plain objects: a look, with no consistency check (see `read`). */
  async query(statement: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
    return this.guard(async () => {
      const result = await this.driver.executeQuery(statement, params, this.queryConfig('READ'));
      return result.records.map((record) => record.toObject());
    });
  }

  /**
   * A read that never sees half of a write. Neo4j reads are read-committed, not snapshots: a
   * scan running while a load commits can see part of it. Every write bumps the graph version in
   * its own transaction, so a read that finds the version unchanged around its work saw either
   * all of each write or none of it; otherwise it runs again, and after the last try it fails
   * (READ_INCONSISTENT, retryable) rather than return an answer that may mix two graphs.
   */
  read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const attempts = this.hooks.readAttempts ?? DEFAULT_READ_ATTEMPTS;
    return this.guard(async () => {
      const session = this.session('READ');
      const version = async (tx: ManagedTransaction) => String((await tx.run(cypher('store/get-graph-version'))).records[0]?.get('version'));
      try {
        for (let attempt = 1; attempt <= attempts; attempt++) {
          const outcome = await session.executeRead(async (tx) => {
            const before = await version(tx);
            const result = await work(tx);
            return { result, consistent: before === (await version(tx)) };
          });
          if (outcome.consistent) return outcome.result;
        }
        throw new InconsistentReadError(attempts);
      } finally {
        await session.close();
      }
    });
  }

  /**
   * One compiled statement (read-compiler.ts) as one auto-commit read: the statement reads the
   * graph version first and last itself, so it needs no explicit transaction (no BEGIN and COMMIT
   * round trips) and its one round trip is also the consistency check. Run again while the two
   * versions differ, as `read` does, or after a transient failure (a leader change, a deadlock).
   */
  readCompiled(statement: { text: string; params: Record<string, unknown> }): Promise<Record<string, unknown>> {
    const attempts = this.hooks.readAttempts ?? DEFAULT_READ_ATTEMPTS;
    return this.guard(async () => {
      const session = this.session('READ');
      try {
        for (let attempt = 1; attempt <= attempts; attempt++) {
          let row: Record<string, unknown> | undefined;
          try {
            row = (await session.run(statement.text, statement.params)).records[0]?.toObject();
          } catch (error) {
            if (attempt < attempts && isRetriableError(error)) continue;
            throw error;
          }
          if (row && row.versionBefore === row.versionAfter) return row;
        }
        throw new InconsistentReadError(attempts);
      } finally {
        await session.close();
      }
    });
  }

  /** A write transaction function; the fault hook (tests) runs before each of its statements. */
  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.guard(async () => {
      const session = this.session('WRITE');
      try {
        const hook = this.hooks.beforeWriteStatement;
        return await session.executeWrite((tx) => work(hook ? withHook(tx, hook) : tx));
      } finally {
        await session.close();
      }
    });
  }

  /** Statements that need an auto-commit transaction (CALL … IN TRANSACTIONS), one after another. */
  async autoCommit(statements: readonly string[]): Promise<void> {
    await this.guard(async () => {
      const session = this.session('WRITE');
      try {
        for (const statement of statements) await session.run(statement);
      } finally {
        await session.close();
      }
    });
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

function withHook(tx: ManagedTransaction, hook: () => void): ManagedTransaction {
  return new Proxy(tx, {
    get: (target, key) => (key === 'run' ? (...args: Parameters<ManagedTransaction['run']>) => (hook(), Reflect.apply(target.run, target, args)) : Reflect.get(target, key)),
  });
}
