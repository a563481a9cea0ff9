import type { ContentType, DocumentFormat, RawDocument, TextExtractor } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { detectType } from '../detect-type.ts';
import { type ExtractionLimits, resolveLimits } from '../extraction-limits.ts';
import type { FormatDefinition } from '../format-definition.ts';
import { describeFormats, formatsWith } from '../format-registry.ts';
import { type OcrSettings, resolveOcrSettings } from '../ocr/ocr-settings.ts';
import { ExtractionPool } from './extraction-pool.ts';

// The worker file beside this module: .ts when run from source, .js once built into dist/ (ADR 0017).
const OWN_EXTENSION = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

/** Options of {@link WorkerTextExtractor}. */
export interface WorkerTextExtractorOptions {
  /** Limits of the extractor in each worker (see `ExtractionLimits`); defaults as `DocumentExtractor`'s. */
  limits?: Partial<ExtractionLimits>;
  /** Heap of each worker thread in MB (default 512); a file that needs more ends `too_large`. */
  memoryMb?: number;
  /** Seconds one extraction may take (default 120); past it the worker is terminated (`extraction_timeout`). */
  timeoutSeconds?: number;
  /** Extractions at once, one worker thread each (default 2, the local server's processing concurrency). */
  maxWorkers?: number;
  /** OCR settings of the extractor in each worker; OCR (scanned pages, images) is on only when given. */
  ocr?: Partial<OcrSettings> | undefined;
}

/** Defaults of the worker options; see ADR 0006 for the reasoning. */
export const DEFAULT_WORKER_OPTIONS = { memoryMb: 512, timeoutSeconds: 120, maxWorkers: 2 } as const;
const DEFAULTS = DEFAULT_WORKER_OPTIONS;

const positive = (name: string, value: number, integer: boolean): number => {
  if (!(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new DocentError(
      'validation_failed',
      `${name} must be a positive ${integer ? 'integer' : 'number'}, got ${value}.`,
    );
  }
  return value;
};

/**
 * The TextExtractor of the local server: types are detected in-process (cheap and bounded by the
 * upload size), extraction runs in worker threads with a heap limit and a wall-clock timeout, so a
 * hostile file can neither take the server's memory nor hold a processing slot for ever.
 */
export class WorkerTextExtractor implements TextExtractor {
  readonly #pool: ExtractionPool;

  /** Throws `validation_failed` for a limit that is not positive. Workers start on first use or at `preload`. */
  constructor(options: WorkerTextExtractorOptions = {}) {
    const limits = resolveLimits(options.limits ?? {});
    // Checked here, so a missing language package stops the server at start rather than each document.
    const ocr = options.ocr === undefined ? undefined : resolveOcrSettings(options.ocr);
    this.#registered = formatsWith(ocr !== undefined);
    this.formats = describeFormats(this.#registered);
    this.#pool = new ExtractionPool({
      workerUrl: new URL(`./extraction-worker${OWN_EXTENSION}`, import.meta.url),
      limits,
      ocr,
      memoryMb: positive('memoryMb', options.memoryMb ?? DEFAULTS.memoryMb, true),
      timeoutMs: positive('timeoutSeconds', options.timeoutSeconds ?? DEFAULTS.timeoutSeconds, false) * 1000,
      maxWorkers: positive('maxWorkers', options.maxWorkers ?? DEFAULTS.maxWorkers, true),
    });
  }

  /** {@inheritDoc TextExtractor.formats} */
  readonly formats: readonly DocumentFormat[];
  readonly #registered: readonly FormatDefinition[];

  /** {@inheritDoc TextExtractor.detectType} */
  detectType(name: string, bytes: Uint8Array): ContentType | null {
    return detectType(name, bytes, this.#registered);
  }

  /**
   * {@inheritDoc TextExtractor.extract}
   * Also `extraction_timeout` past the time limit, `too_large` past the memory limit, and a retryable
   * `internal_error` when a worker dies of anything else.
   */
  extract(bytes: Uint8Array, contentType: ContentType): Promise<RawDocument> {
    return this.#pool.run(bytes, contentType);
  }

  /** Starts the worker threads (see `maxWorkers`) before the first file needs them; resolves once they have loaded. */
  preload(): Promise<void> {
    return this.#pool.preload();
  }

  /** Terminates the worker threads; a later `extract` starts new ones. */
  close(): Promise<void> {
    return this.#pool.close();
  }
}
