// Opens the store the configuration names. Neo4j is imported lazily, so the embedded default
// never loads the driver.
import type { Config } from '../config.ts';
import type { GraphStore } from './graph-store.ts';
import { MemoryStore } from './memory/memory-store.ts';

export async function openStore(config: Config): Promise<GraphStore> {
  if (config.store === 'neo4j' && config.neo4j) {
    const { Neo4jStore } = await import('./neo4j/neo4j-store.ts');
    return Neo4jStore.connect(config.neo4j);
  }
  return new MemoryStore({ dataDir: config.dataDir });
}
