import type { ContentType, ErrorCode, RawDocument } from '@docent/domain';
import type { ExtractionLimits } from '../extraction-limits.ts';
import type { OcrSettings } from '../ocr/ocr-settings.ts';

/** Messages between `ExtractionPool` and `extraction-worker.ts`; one request in flight per worker. */

/** What a worker is started with (its `workerData`). */
export interface ExtractionWorkerData {
  limits: Partial<ExtractionLimits>;
  /** OCR settings, absent when OCR is off. */
  ocr?: OcrSettings | undefined;
}

/** Extract these bytes as this type and answer with the same `id`. */
export interface ExtractionRequest {
  id: number;
  bytes: Uint8Array;
  contentType: ContentType;
}

/** The extracted document. */
export interface ExtractionSuccess {
  id: number;
  ok: true;
  document: RawDocument;
}

/** The extractor threw: a DocentError's code and message, or `extraction_failed` for anything else. */
export interface ExtractionFailure {
  id: number;
  ok: false;
  code: ErrorCode;
  message: string;
  retryable: boolean;
  /** Set when the extractor threw something other than a DocentError (a bug): its name and message. */
  unexpected?: string;
}

/** Sent once when the worker has loaded the extractors; the timeout of its first request starts here. */
export interface ExtractionWorkerReady {
  ready: true;
}

export type ExtractionResponse = ExtractionSuccess | ExtractionFailure;

export type ExtractionWorkerMessage = ExtractionResponse | ExtractionWorkerReady;
