/**
 * Worker thread that runs the in-process `DocumentExtractor`, so that a hostile file's memory and
 * time are spent in a thread that can be capped (resource limits) and terminated (timeout).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isDocentError } from '@docent/domain';
import { DocumentExtractor } from '../document-extractor.ts';
import type {
  ExtractionRequest,
  ExtractionResponse,
  ExtractionWorkerData,
  ExtractionWorkerReady,
} from './extraction-protocol.ts';

if (parentPort === null) throw new Error('extraction-worker.ts must run in a worker thread');
// pdf.js, given some damaged files, rejects an internal promise that nobody handles after the
// extraction has already failed (found by the fuzz test; unpdf 1.8.1). By default that ends the
// thread and fails whichever file it reads next. Every result this thread sends comes from a
// promise it awaits, so a stray rejection changes no answer and is dropped.
process.on('unhandledRejection', () => undefined);
const port = parentPort;
const { limits, ocr } = workerData as ExtractionWorkerData;
// Tesseract's own worker threads start inside this one: terminating this thread (the timeout)
// ends them too, so a page that takes too long cannot outlive its document.
const extractor = new DocumentExtractor({ ...limits, ocr });

const failure = (id: number, error: unknown): ExtractionResponse => {
  if (isDocentError(error)) {
    return { id, ok: false, code: error.code, message: error.message, retryable: error.retryable };
  }
  // An exception that is not a DocentError is an extractor bug; the file stays unreadable either way.
  const detail = error instanceof Error ? error.message : String(error);
  return {
    id,
    ok: false,
    code: 'extraction_failed',
    message: `The file could not be read (${detail}).`,
    retryable: false,
  };
};

port.on('message', async ({ id, bytes, contentType }: ExtractionRequest) => {
  let response: ExtractionResponse;
  try {
    response = { id, ok: true, document: await extractor.extract(bytes, contentType) };
  } catch (error) {
    response = failure(id, error);
  }
  port.postMessage(response);
});

// Start-up (loading pdf.js and the rest) does not count against a document's time limit.
const ready: ExtractionWorkerReady = { ready: true };
port.postMessage(ready);
