import { DocentError } from '@docent/domain';
import type Tesseract from 'tesseract.js';
import { ocrLanguageFiles } from './ocr-languages.ts';
import { type OcrPage, ocrPageOf } from './ocr-page.ts';

/** How the engine runs tesseract. */
export interface OcrEngineOptions {
  /** Tesseract language codes, each from its `@tesseract.js-data/<code>` package, used together. */
  languages: readonly string[];
  /** Tesseract worker threads at most, each recognising one image at a time; more images wait. */
  workers: number;
}

/**
 * Recognises text in images with tesseract.js: its worker threads are started on first use (language
 * data read from the installed npm packages, no network), reused for later images, and ended by
 * `close()`. A worker whose recognition failed is ended rather than reused, since a failed WASM run
 * may have left it in any state.
 */
export class OcrEngine {
  readonly #options: OcrEngineOptions;
  readonly #idle: Tesseract.Worker[] = [];
  /** Started workers, idle or busy. */
  readonly #workers = new Set<Tesseract.Worker>();
  readonly #starting = new Set<Promise<Tesseract.Worker>>();
  readonly #waiting: Array<() => void> = [];
  /** Workers started or starting: never more than `options.workers`. */
  #count = 0;
  /** Bumped by `close()`, so a worker that finishes starting after it is ended at once. */
  #generation = 0;

  constructor(options: OcrEngineOptions) {
    this.#options = options;
  }

  /**
   * The paragraphs of an encoded image (PNG, JPEG, WebP, TIFF's first page, BMP, PNM). Throws
   * `extraction_failed` when tesseract cannot read the image, a retryable `unavailable` when the
   * engine is closed meanwhile.
   */
  async recognize(image: Uint8Array): Promise<OcrPage> {
    const worker = await this.#acquire();
    let result: Tesseract.RecognizeResult;
    try {
      const buffer = Buffer.from(image.buffer, image.byteOffset, image.byteLength);
      result = await worker.recognize(buffer, {}, { blocks: true, text: false });
    } catch (cause) {
      this.#drop(worker);
      throw new DocentError('extraction_failed', `The image could not be read for OCR (${String(cause)}).`, { cause });
    }
    this.#release(worker);
    return ocrPageOf(result.data);
  }

  /** Ends every tesseract worker; a later `recognize` starts new ones. */
  async close(): Promise<void> {
    this.#generation++;
    const workers = [...this.#workers];
    this.#workers.clear();
    this.#idle.length = 0;
    this.#count = 0;
    for (const wake of this.#waiting.splice(0)) wake();
    await Promise.allSettled(workers.map((worker) => worker.terminate()));
    await Promise.allSettled([...this.#starting]);
  }

  async #acquire(): Promise<Tesseract.Worker> {
    const generation = this.#generation;
    for (;;) {
      if (generation !== this.#generation) throw closedError();
      const idle = this.#idle.pop();
      if (idle !== undefined) return idle;
      if (this.#count < this.#options.workers) return this.#start(generation);
      await new Promise<void>((wake) => this.#waiting.push(wake));
    }
  }

  async #start(generation: number): Promise<Tesseract.Worker> {
    this.#count++;
    let starting: Promise<Tesseract.Worker> | undefined;
    try {
      const { languages, langPath, gzip } = ocrLanguageFiles(this.#options.languages);
      // A local langPath: tesseract.js reads the files and never fetches. Nothing is cached to disk.
      // Imported here, not at the top: bundles without OCR (the Lambda's) leave tesseract.js out.
      const { createWorker, OEM } = (await import('tesseract.js')).default;
      starting = createWorker(languages, OEM.LSTM_ONLY, {
        langPath,
        gzip,
        cacheMethod: 'none',
        // The failed job's promise rejects too; without a handler tesseract.js also throws, uncaught.
        errorHandler: () => undefined,
      });
      this.#starting.add(starting);
      const worker = await starting;
      if (generation !== this.#generation) {
        await worker.terminate();
        throw closedError();
      }
      this.#workers.add(worker);
      return worker;
    } catch (cause) {
      if (generation === this.#generation) {
        this.#count--;
        this.#waiting.shift()?.();
      }
      if (cause instanceof DocentError) throw cause;
      throw new DocentError('internal_error', `The OCR engine could not start: ${String(cause)}`, {
        retryable: true,
        cause,
      });
    } finally {
      if (starting !== undefined) this.#starting.delete(starting);
    }
  }

  #release(worker: Tesseract.Worker): void {
    if (!this.#workers.has(worker)) return;
    this.#idle.push(worker);
    this.#waiting.shift()?.();
  }

  #drop(worker: Tesseract.Worker): void {
    if (!this.#workers.delete(worker)) return;
    this.#count--;
    void worker.terminate().catch(() => undefined);
    this.#waiting.shift()?.();
  }
}

const closedError = (): DocentError =>
  new DocentError('unavailable', 'The OCR engine was closed.', { retryable: true });
