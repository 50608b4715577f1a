// Entry of the analysis worker thread: TypeScript through tsx's loader, as everywhere else.
import { register } from 'tsx/esm/api';

register();
await import('./analysis-worker.ts');
