import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ContentType } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { failure } from '../../test-support/docent-failure.ts';
import { formatFixture } from '../../test-support/format-fixtures.ts';
import { buildPdf } from '../../test-support/pdf-builder.ts';
import { qaDevDocument } from '../../test-support/qa-dev.ts';
import { DocumentExtractor } from '../document-extractor.ts';
import { WorkerTextExtractor, type WorkerTextExtractorOptions } from './worker-text-extractor.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const text = (value: string): Uint8Array => new TextEncoder().encode(value);

const open: WorkerTextExtractor[] = [];
const extractorWith = (options: WorkerTextExtractorOptions): WorkerTextExtractor => {
  const extractor = new WorkerTextExtractor(options);
  open.push(extractor);
  return extractor;
};
afterEach(async () => {
  await Promise.all(open.splice(0).map((extractor) => extractor.close()));
});

describe('WorkerTextExtractor', () => {
  // One worker serves the tests with default limits: starting one costs about a second.
  const shared = new WorkerTextExtractor({ maxWorkers: 1 });
  afterAll(() => shared.close());

  it.each([
    ['nodejs-url.docx', DOCX],
    ['zstd-README.md', 'text/markdown'],
  ] as const)('extracts %s in a worker exactly as in-process', async (name, type: ContentType) => {
    const bytes = qaDevDocument(name);
    expect(await shared.extract(bytes, type)).toEqual(await new DocumentExtractor().extract(bytes, type));
  });

  it.each([
    ['slides.pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['message.eml', 'message/rfc822'],
  ] as const)('extracts the new format %s in a worker exactly as in-process', async (name, type: ContentType) => {
    const bytes = formatFixture(name);
    expect(await shared.extract(bytes, type)).toEqual(await new DocumentExtractor().extract(bytes, type));
  });

  it('passes the extractor limits and its DocentError codes through', async () => {
    const worker = extractorWith({ limits: { maxExtractedChars: 10 } });
    const error = await failure(worker.extract(text('more than ten characters'), 'text/plain'));
    expect(error.code).toBe('too_large');
    expect(error.message).toContain('DOCENT_MAX_EXTRACTED_CHARS');
    expect((await failure(worker.extract(text('\u0000\u0001'), 'text/plain'))).code).toBe('binary_content');
  });

  it('terminates an extraction past the timeout and serves the next one from a fresh worker', async () => {
    // The page cap is lifted so the timeout, not the 2,000-page limit, is what stops the file.
    const worker = extractorWith({ timeoutSeconds: 0.2, maxWorkers: 1, limits: { maxPages: 10_000 } });
    // 3,000 pages take seconds to read; 0.2 s is never enough.
    const long = buildPdf(Array.from({ length: 3000 }, (_, page) => [`Page ${page} of a long report`]));
    const error = await failure(worker.extract(long, 'application/pdf'));
    expect(error.code).toBe('extraction_timeout');
    expect(error.message).toBe(
      'Reading the file took longer than 0.2 s, the limit (setting DOCENT_EXTRACT_TIMEOUT_S).',
    );
    expect((await worker.extract(text('still here'), 'text/plain')).blocks).toEqual([
      { kind: 'paragraph', text: 'still here' },
    ]);
  });

  it('reports a worker that runs out of heap as too_large and recovers', async () => {
    const worker = extractorWith({ memoryMb: 32, maxWorkers: 1 });
    // A million elements make a parse tree far beyond a 32 MB heap.
    const huge = text(`<html><body>${'<p>a</p>'.repeat(1_000_000)}</body></html>`);
    const error = await failure(worker.extract(huge, 'text/html'));
    expect(error.code).toBe('too_large');
    expect(error.message).toBe(
      'Reading the file needed more than 32 MB of memory, the limit (setting DOCENT_EXTRACT_MEMORY_MB).',
    );
    expect((await worker.extract(text('<p>small</p>'), 'text/html')).blocks).toEqual([
      { kind: 'paragraph', text: 'small' },
    ]);
  });

  // Found by the fuzz test: on this damaged PDF pdf.js rejects a promise of its own that nobody
  // handles, after the extraction has already failed; that used to kill the worker and fail the next file.
  it('keeps its worker when pdf.js leaves a rejection unhandled', async () => {
    const worker = shared;
    const damaged = new Uint8Array(
      readFileSync(new URL('../../test-support/fixtures/pdf-stray-rejection.pdf', import.meta.url)),
    );
    const results = await Promise.allSettled([
      worker.extract(damaged, 'application/pdf'),
      ...['one', 'two'].map((word) => worker.extract(text(word), 'text/plain')),
    ]);
    expect((results[0] as PromiseRejectedResult).reason.code).toBe('extraction_failed');
    expect(results.slice(1).map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
  });

  it('runs extractions beyond maxWorkers in arrival order', async () => {
    const worker = shared;
    const results = await Promise.all(['one', 'two', 'three'].map((word) => worker.extract(text(word), 'text/plain')));
    expect(results.map((document) => document.blocks[0]?.text)).toEqual(['one', 'two', 'three']);
  });

  it.each([0, -1, Number.NaN])('rejects a memory, timeout or worker count of %s', (value) => {
    expect(() => new WorkerTextExtractor({ memoryMb: value })).toThrow(DocentError);
    expect(() => new WorkerTextExtractor({ timeoutSeconds: value })).toThrow(DocentError);
    expect(() => new WorkerTextExtractor({ maxWorkers: value })).toThrow(DocentError);
  });
});

describe('WorkerTextExtractor.preload', () => {
  it('extracts while its workers are still loading, as in-process', async () => {
    const extractor = extractorWith({ maxWorkers: 2 });
    const loading = extractor.preload();
    const bytes = qaDevDocument('zstd-README.md');
    const [document] = await Promise.all([extractor.extract(bytes, 'text/markdown'), loading]);
    expect(document).toEqual(await new DocumentExtractor().extract(bytes, 'text/markdown'));
  });

  it('keeps a process alive while the workers load, and not once they idle', async () => {
    const fixture = path.join(import.meta.dirname, '../../test-support/preload-then-extract.ts');
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      // Idle workers that kept the process alive would run into the timeout (code null).
      const child = execFile(process.execPath, [fixture], { timeout: 20_000 }, (_error, stdout) =>
        resolve({ code: child.exitCode, stdout }),
      );
    });
    expect(stdout.trim()).toBe('Read by a preloaded worker.');
    expect(code).toBe(0);
  });
});
