/**
 * A process whose embedding worker is inside onnxruntime-node when it is stopped: `close` closes
 * the embedder, then exits; `exit` calls `process.exit` with the worker still multiplying. Either
 * way it should exit with code 0 (stopping a thread inside the binding aborts the process: 134).
 * Usage: node stop-during-native.ts close|exit <scratch dir>
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UseLiteEmbedder } from '../src/embedding/use-lite-embedder.ts';

const [how, dir] = process.argv.slice(2);
if ((how !== 'close' && how !== 'exit') || dir === undefined) {
  throw new Error('usage: stop-during-native.ts close|exit <scratch dir>');
}

const embedder = new UseLiteEmbedder({
  workers: 1,
  workerUrl: new URL('./scripted-embedding-worker.ts', import.meta.url),
});
const taken = path.join(dir, 'taken');
embedder.embed([`log:${taken}|native:60000|1`]).catch(() => undefined);
while (!existsSync(taken)) await sleep(10);
// Loading onnxruntime-node takes ~0.1 s; then the worker multiplies for a minute (~1 ms a product).
await sleep(1000);
if (how === 'close') await embedder.close();
process.exit(0);
