// Worker-thread entry that registers tsx in its own thread, then imports the TypeScript module named in workerData.
// Plain JS on purpose: on Node 20 a worker ignores ESM loaders passed through execArgv (nodejs/node#47747;
// tsx#354), so `new Worker('x.ts', { execArgv: ['--import', 'tsx'] })` fails with ERR_UNKNOWN_FILE_EXTENSION.
// Registering tsx's documented API from inside the worker works under `tsx`, `node --import tsx` and vitest.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
