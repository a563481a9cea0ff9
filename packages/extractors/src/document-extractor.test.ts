import { readdirSync } from 'node:fs';
import path from 'node:path';
import { DocentError } from '@docent/domain';
import { describe, expect, it } from 'vitest';
import { buildPdf } from '../test-support/pdf-builder.ts';
import { QA_DEV_DIR, qaDevDocument } from '../test-support/qa-dev.ts';
import { DocumentExtractor } from './index.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const names = readdirSync(path.join(QA_DEV_DIR, 'docs')).sort();

describe('DocumentExtractor', () => {
  const extractor = new DocumentExtractor();

  it('covers the five original formats with the qa-dev files', () => {
    const types = new Set(names.map((name) => extractor.detectType(name, qaDevDocument(name))));
    expect([...types].sort()).toEqual(['application/pdf', DOCX, 'text/html', 'text/markdown', 'text/plain'].sort());
  });

  it.each(names)('extracts %s into non-empty blocks of its own type', async (name) => {
    const bytes = qaDevDocument(name);
    const type = extractor.detectType(name, bytes);
    if (type === null) throw new Error(`${name} was not recognised`);
    const document = await extractor.extract(bytes, type);
    expect(document.contentType).toBe(type);
    expect(document.blocks.length).toBeGreaterThan(10);
    for (const block of document.blocks) {
      expect(block.text.trim()).not.toBe('');
      if (block.kind === 'heading') expect(block.level).toBeGreaterThanOrEqual(1);
    }
    expect(document.pageCount === undefined).toBe(type !== 'application/pdf');
  });

  it('applies maxPages from its options', async () => {
    const small = new DocumentExtractor({ maxPages: 10 });
    const refused = await small.extract(qaDevDocument('bzip2-manual.pdf'), 'application/pdf').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DocentError);
    expect((refused as DocentError).code).toBe('too_large');
    const allowed = await small.extract(buildPdf([['one'], ['two']]), 'application/pdf');
    expect(allowed.pageCount).toBe(2);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects limits of %s', (value) => {
    expect(() => new DocumentExtractor({ maxPages: value })).toThrow(DocentError);
    expect(() => new DocumentExtractor({ maxExtractedChars: value })).toThrow(DocentError);
    expect(() => new DocumentExtractor({ maxInflatedBytes: value })).toThrow(DocentError);
  });

  // Each qa-dev file holds far more than 5,000 characters; the same files pass with the defaults above.
  it.each(names)('refuses %s with too_large past maxExtractedChars', async (name) => {
    const bytes = qaDevDocument(name);
    const type = extractor.detectType(name, bytes);
    if (type === null) throw new Error(`${name} was not recognised`);
    const small = new DocumentExtractor({ maxExtractedChars: 5000 });
    const error = await small.extract(bytes, type).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocentError);
    expect((error as DocentError).code).toBe('too_large');
    expect((error as DocentError).message).toBe(
      'The document holds more than 5,000 characters of text, the limit (setting DOCENT_MAX_EXTRACTED_CHARS).',
    );
  });

  it('refuses a Word file whose parts inflate past maxInflatedBytes', async () => {
    const docx = qaDevDocument('nodejs-url.docx');
    const small = new DocumentExtractor({ maxInflatedBytes: 100_000 });
    const error = await small.extract(docx, DOCX).catch((e: unknown) => e);
    expect((error as DocentError).code).toBe('too_large');
    expect((error as DocentError).message).toContain('DOCENT_MAX_INFLATED_MB');
  });

  it.each([
    ['text/plain', 'empty_document'],
    ['text/markdown', 'empty_document'],
    ['text/html', 'empty_document'],
    ['application/pdf', 'extraction_failed'],
    [DOCX, 'extraction_failed'],
  ] as const)('reports a 0-byte file read as %s with %s', async (type, code) => {
    const error = await extractor.extract(new Uint8Array(0), type).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocentError);
    expect((error as DocentError).code).toBe(code);
  });

  it('reports text bytes handed in as a PDF as extraction_failed', async () => {
    const error = await extractor
      .extract(new TextEncoder().encode('hello'), 'application/pdf')
      .catch((e: unknown) => e);
    expect((error as DocentError).code).toBe('extraction_failed');
  });
});
