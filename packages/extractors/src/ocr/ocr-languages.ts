import { mkdtempSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DocentError } from '@docent/domain';

/** Where tesseract.js reads the languages' data: `<langPath>/<code>.traineddata[.gz]`, a local folder. */
export interface OcrLanguageFiles {
  /** The codes joined by `+`, as tesseract takes several languages. */
  languages: string;
  langPath: string;
  gzip: boolean;
}

/** What each `@tesseract.js-data/<code>` package's main module exports. */
interface DataPackage {
  code: string;
  gzip: boolean;
  langPath: string;
}

// Tesseract's language names: `eng`, `deu`, `chi_sim`, `deu_latf`.
const LANGUAGE_CODE = /^[a-z]{3}(?:_[a-z]+)?$/;
const require = createRequire(import.meta.url);

/** The npm package holding a language's data: `@tesseract.js-data/eng` for `eng`. */
const dataPackageOf = (code: string): string => `@tesseract.js-data/${code}`;

/**
 * The data package of each language, found as Node finds packages from the extractors: throws
 * `validation_failed` naming the package to install when one is missing, so a server with a language
 * it cannot read refuses to start instead of failing every scanned document. Reads no file.
 */
export const findOcrLanguages = (codes: readonly string[]): DataPackage[] => {
  if (codes.length === 0) throw new DocentError('validation_failed', 'OCR needs at least one language.');
  return codes.map((code) => {
    if (!LANGUAGE_CODE.test(code)) {
      throw new DocentError(
        'validation_failed',
        `"${code}" is not a tesseract language code (such as eng or chi_sim).`,
      );
    }
    const name = dataPackageOf(code);
    try {
      return require(name) as DataPackage;
    } catch (cause) {
      throw new DocentError(
        'validation_failed',
        `OCR language ${code} needs the npm package ${name}, which is not installed (npm install ${name}).`,
        { cause },
      );
    }
  });
};

/**
 * The folder tesseract.js reads the languages' data from (`findOcrLanguages`); no network is involved.
 * tesseract.js takes one folder for all languages (its `{ code, data }` form is broken in 7.0.0: the
 * data is used as the language's name), and each package has its own: one language's folder is used
 * as it is, several are linked into a new temporary folder (tesseract recognises gzip by its magic
 * bytes, so every link may be named `.gz`).
 */
export const ocrLanguageFiles = (codes: readonly string[]): OcrLanguageFiles => {
  const found = findOcrLanguages(codes);
  const [first] = found;
  const languages = codes.join('+');
  if (first !== undefined && found.every(({ langPath, gzip }) => langPath === first.langPath && gzip === first.gzip)) {
    return { languages, langPath: first.langPath, gzip: first.gzip };
  }
  const folder = mkdtempSync(path.join(tmpdir(), 'docent-ocr-languages-'));
  for (const { code, gzip, langPath } of found) {
    symlinkSync(
      path.join(langPath, `${code}.traineddata${gzip ? '.gz' : ''}`),
      path.join(folder, `${code}.traineddata.gz`),
    );
  }
  return { languages, langPath: folder, gzip: true };
};
