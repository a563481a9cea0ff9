import { describe, expect, it } from 'vitest';
import { configProblems as problemsOf } from '../test-support/config-problems.ts';
import { loadConfig } from './config.ts';

describe('OCR settings', () => {
  it('reads scans and images in English by default, one tesseract worker, 20 pages, 25 megapixels', () => {
    expect(loadConfig({}, '/srv').ocr).toEqual({ languages: ['eng'], workers: 1, maxPages: 20, maxMegapixels: 25 });
  });

  it('is turned off with DOCENT_OCR=off', () => {
    expect(loadConfig({ DOCENT_OCR: 'off' }, '/srv').ocr).toBeUndefined();
    // With OCR off, a language without its data package is no problem: nothing will load it.
    expect(loadConfig({ DOCENT_OCR: 'off', DOCENT_OCR_LANGS: 'deu' }, '/srv').ocr).toBeUndefined();
  });

  it('reads the limits and the languages joined by + or a comma', () => {
    const config = loadConfig(
      {
        DOCENT_OCR_LANGS: 'eng+eng',
        DOCENT_OCR_WORKERS: '2',
        DOCENT_OCR_MAX_PAGES: '400',
        DOCENT_OCR_MAX_MEGAPIXELS: '12',
      },
      '/srv',
    );
    expect(config.ocr).toEqual({ languages: ['eng', 'eng'], workers: 2, maxPages: 400, maxMegapixels: 12 });
    expect(loadConfig({ DOCENT_OCR_LANGS: 'eng,eng' }, '/srv').ocr?.languages).toEqual(['eng', 'eng']);
  });

  it('names the npm package to install for a language whose data is missing', () => {
    expect(problemsOf({ DOCENT_OCR_LANGS: 'eng+deu' })).toEqual([
      'DOCENT_OCR_LANGS: OCR language deu needs the npm package @tesseract.js-data/deu, which is not installed (npm install @tesseract.js-data/deu).',
    ]);
  });

  it('refuses bad values, each named', () => {
    const problems = problemsOf({
      DOCENT_OCR: 'yes',
      DOCENT_OCR_LANGS: 'English!',
      DOCENT_OCR_WORKERS: '0',
      DOCENT_OCR_MAX_PAGES: '-3',
      DOCENT_OCR_MAX_MEGAPIXELS: '1.5',
    });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'DOCENT_OCR',
      'DOCENT_OCR_LANGS',
      'DOCENT_OCR_MAX_MEGAPIXELS',
      'DOCENT_OCR_MAX_PAGES',
      'DOCENT_OCR_WORKERS',
    ]);
  });
});
