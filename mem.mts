import { MemoryStore } from './src/store/memory/memory-store.ts';
const t = performance.now();
const store = new MemoryStore({ dataDir: process.argv[2] });
console.log('open s', ((performance.now() - t) / 1000).toFixed(1));
(globalThis as any).gc?.();
const m = process.memoryUsage();
console.log('rss MB', (m.rss / 2 ** 20).toFixed(0), 'heapUsed MB', (m.heapUsed / 2 ** 20).toFixed(0), 'heapTotal', (m.heapTotal / 2 ** 20).toFixed(0), 'external', (m.external / 2 ** 20).toFixed(0));
void store;
