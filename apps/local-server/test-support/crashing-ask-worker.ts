/**
 * A stand-in ask worker: the real one (`ask-worker.ts`), except that the question "crash" ends the
 * thread at once, as an uncaught fault in native code would.
 */
import { parentPort } from 'node:worker_threads';
import type { ToWorker } from '../src/ask-pool/ask-worker-protocol.ts';

parentPort?.on('message', (message: ToWorker) => {
  if (message.type === 'ask' && message.input.question === 'crash') process.exit(70);
});
await import('../src/ask-pool/ask-worker.ts');
