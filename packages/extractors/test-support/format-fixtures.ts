import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RawDocument } from '@docent/domain';
import { DocentError, normalizeDocument, normalizeWhitespace } from '@docent/domain';
import { expect } from 'vitest';

/** Where the committed format fixtures live (PPTX, ODT, EPUB from pandoc; CSV, EML, MBOX as text). */
export const FORMAT_FIXTURES = path.resolve(import.meta.dirname, 'fixtures/formats');

/** The bytes of a committed format fixture. */
export const formatFixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(path.join(FORMAT_FIXTURES, name)));

/**
 * Checks the span round-trip property on a new format: each span of the source occurs in the
 * normalised text every offset points into (`normalizeDocument`), in the given order. Returns the
 * page each span starts on (undefined for formats without pages).
 */
export const expectSpansInOrder = (document: RawDocument, spans: readonly string[]): Array<number | undefined> => {
  const normalised = normalizeDocument(document);
  let from = 0;
  return spans.map((span) => {
    const wanted = normalizeWhitespace(span);
    const at = normalised.text.indexOf(wanted, from);
    expect(at, `"${span}" after offset ${from}`).toBeGreaterThanOrEqual(0);
    expect(normalised.text.slice(at, at + wanted.length)).toBe(wanted);
    from = at + wanted.length;
    return normalised.pages.find((page) => page.charStart <= at && at < page.charEnd)?.page;
  });
};

/** The DocentError code a call fails with (the test fails when it does not fail). */
export const failureCode = async (run: () => unknown): Promise<string> => {
  try {
    await run();
  } catch (error) {
    if (error instanceof DocentError) return error.code;
    throw error;
  }
  throw new Error('expected a DocentError');
};
