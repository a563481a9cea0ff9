/**
 * A model-free stand-in for `use-lite-worker.ts`, speaking the same protocol, scripted by the texts
 * it is given so that pool tests run in milliseconds. Each text is `|`-separated steps, run in order:
 * - `sleep:<ms>` waits before answering the batch;
 * - `log:<file>` appends the text's last step to the file when the batch is taken;
 * - `log-request:<file>` appends the text's last step and `/` and the number of texts in its request;
 * - `crash-once:<file>` exits the worker unless the file exists (creating it first), so a retry succeeds;
 * - `crash` exits the worker every time;
 * - `native:<ms>` multiplies 256x256 matrices in onnxruntime-node for that long, through the
 *   worker's native gate (`native-gate.ts`);
 * - any other step (e.g. `pad:xxxx`) does nothing but lengthen the text.
 * Its vector is 512 zeros with the text's last step, read as a number, at index 0 (NaN for words).
 */
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { loadNativeProducts } from '../src/embedding/native-products.ts';
import type { EmbedRequest, EmbedResponse, EmbedWorkerData } from '../src/embedding/use-lite-protocol.ts';

if (parentPort === null) throw new Error('scripted-embedding-worker.ts must run in a worker thread');
const port = parentPort;

const runSteps = async (text: string, requestTexts: number): Promise<Float32Array<ArrayBuffer>> => {
  const steps = text.split('|');
  const label = steps.at(-1) ?? '';
  for (const step of steps.slice(0, -1)) {
    const [command, argument = ''] = [step.slice(0, step.indexOf(':')), step.slice(step.indexOf(':') + 1)];
    if (command === 'sleep') await sleep(Number(argument));
    if (command === 'native') multiplyFor(Number(argument));
    if (command === 'log') appendFileSync(argument, `${label}\n`);
    if (command === 'log-request') appendFileSync(argument, `${label}/${requestTexts}\n`);
    if (command === 'crash-once' && !existsSync(argument)) {
      writeFileSync(argument, '');
      process.exit(3);
    }
  }
  if (label === 'crash') process.exit(3);
  const vector = new Float32Array(512);
  vector[0] = Number(label);
  return vector;
};

const multiplyFor = (ms: number): void => {
  const multiply = loadNativeProducts((workerData as EmbedWorkerData).nativeGate);
  if (multiply === null) throw new Error('onnxruntime-node did not load');
  const size = 256;
  const matrix = new Float32Array(size * size).fill(1);
  const out = new Float32Array(size * size);
  for (const end = Date.now() + ms; Date.now() < end; ) multiply(matrix, matrix, out, size, size, size);
};

port.on('message', async ({ id, texts }: EmbedRequest) => {
  const vectors: Float32Array<ArrayBuffer>[] = [];
  for (const text of texts) vectors.push(await runSteps(text, texts.length));
  const response: EmbedResponse = { id, ok: true, vectors };
  port.postMessage(response);
});
