// Opens the store the configuration names. The embedded store has one writer per data folder:
// a writer takes the folder's lock for its life, every other process opens it read-only. Neo4j
// is imported lazily, so the embedded default never loads the driver; it takes many writers.
import type { Config } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import type { GraphStore } from './graph-store.ts';
import { DataFolderLock, type LockHolder } from './memory/data-lock.ts';
import { MemoryStore } from './memory/memory-store.ts';
import { storeIoError } from './memory/store-fs.ts';

export interface StoreAccess {
  /** Read-only opens never take the lock, repair, clean or compact. */
  write: boolean;
  /** What the lock says holds it (`serve`, `cgraph load …`). */
  command: string;
  /** How long a writer waits for another holder of the data folder (default: not at all). */
  waitMs?: number;
  onWait?: (holder: LockHolder) => void;
  /** What the embedded store repaired when it opened, and compactions that failed. */
  onWarning?: (message: string, details: Record<string, unknown>) => void;
}

export const SERVE: StoreAccess = { write: true, command: 'serve' };

export async function openStore(config: Config, access: StoreAccess = SERVE): Promise<GraphStore> {
  if (config.store === 'neo4j' && config.neo4j) {
    const { Neo4jStore } = await import('./neo4j/neo4j-store.ts');
    return Neo4jStore.connect(config.neo4j);
  }
  if (!access.write) return opened(() => new MemoryStore({ dataDir: config.dataDir, readOnly: true, onWarning: access.onWarning }), config.dataDir);
  const lock = await DataFolderLock.acquire(config.dataDir, { command: access.command, waitMs: access.waitMs, onWait: access.onWait });
  try {
    return opened(() => new MemoryStore({ dataDir: config.dataDir, lock, onWarning: access.onWarning }), config.dataDir);
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** A file-system failure while the store opens is the store's, with its path (exit 3), not a bug. */
function opened(open: () => MemoryStore, dataDir: string): MemoryStore {
  try {
    return open();
  } catch (error) {
    throw error instanceof DomainError ? error : storeIoError(error, 'opening the store', dataDir);
  }
}

/** Tells writing commands where the API holding an embedded store's data folder listens. */
export function announceServer(store: GraphStore, url: string): void {
  if (store instanceof MemoryStore) store.announce(url);
}
