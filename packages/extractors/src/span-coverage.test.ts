import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerSpans, normalise, normalisedText, QA_DEV_DIR, qaDevDocument } from '../test-support/qa-dev.ts';
import { DocumentExtractor } from './document-extractor.ts';

// Extraction runs while the file is collected, so the measured coverage can appear in the test name.
const extractor = new DocumentExtractor();
const names = readdirSync(path.join(QA_DEV_DIR, 'docs')).sort();
const texts = new Map<string, string>();
for (const name of names) {
  const bytes = qaDevDocument(name);
  const type = extractor.detectType(name, bytes);
  if (type === null) throw new Error(`${name} was not recognised`);
  texts.set(name, normalisedText(await extractor.extract(bytes, type)));
}
const spans = answerSpans();
const missing = spans.filter(({ document, span }) => !texts.get(document)?.includes(normalise(span)));
const found = spans.length - missing.length;
console.log(`span coverage: ${found}/${spans.length}`);

describe('span coverage on qa-dev', () => {
  it(`finds ${found}/${spans.length} answer spans in the normalised extraction`, () => {
    expect(spans).toHaveLength(58);
    expect(missing.map(({ questionId, span }) => `${questionId}: ${span}`)).toEqual([]);
  });

  it.each(names)('%s holds every span of its questions', (name) => {
    const own = spans.filter(({ document }) => document === name);
    expect(own.length).toBeGreaterThan(0);
    for (const { span } of own) expect(texts.get(name)).toContain(normalise(span));
  });
});
