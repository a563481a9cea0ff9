import type { OcrEngine } from './ocr-engine.ts';
import type { OcrPage } from './ocr-page.ts';
import { type OcrSettings, resolveOcrSettings } from './ocr-settings.ts';

/**
 * The OCR of one extractor: its settings, checked when it is built, and a tesseract engine loaded on
 * the first image. tesseract.js and its WASM are imported only then, so extractors without OCR (the
 * Lambda bundle, documents with a text layer) never load them.
 */
export class Ocr {
  /** The checked settings. */
  readonly settings: OcrSettings;
  #engine: Promise<OcrEngine> | undefined;

  /** Throws `validation_failed` for a bad setting or a language whose data package is missing. */
  constructor(settings: Partial<OcrSettings>) {
    this.settings = resolveOcrSettings(settings);
  }

  /** The paragraphs of an encoded image; see `OcrEngine.recognize`. */
  async recognize(image: Uint8Array): Promise<OcrPage> {
    this.#engine ??= import('./ocr-engine.ts').then(({ OcrEngine }) => new OcrEngine(this.settings));
    return (await this.#engine).recognize(image);
  }

  /** Ends the engine's worker threads, if any were started. */
  async close(): Promise<void> {
    const engine = this.#engine;
    this.#engine = undefined;
    await (await engine)?.close();
  }
}
