// Entry of a check's worker process (PID 1 of the check's namespaces): TypeScript through tsx, as in bin.js.
import { register } from 'tsx/esm/api';

register();
const { serveOneCheck } = await import('./worker.ts');
await serveOneCheck(process.argv[2]);
