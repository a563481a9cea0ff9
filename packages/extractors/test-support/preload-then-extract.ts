/**
 * A process that preloads a `WorkerTextExtractor`, extracts one text file, prints its blocks' text
 * and ends without closing the extractor: awaiting `preload` must keep it alive while the workers
 * load, and the idle workers must not keep it alive afterwards.
 * Usage: node preload-then-extract.ts
 */
import { WorkerTextExtractor } from '../src/worker/worker-text-extractor.ts';

const extractor = new WorkerTextExtractor({ maxWorkers: 2 });
await extractor.preload();
const document = await extractor.extract(new TextEncoder().encode('Read by a preloaded worker.'), 'text/plain');
console.log(document.blocks.map((block) => block.text).join('\n'));
