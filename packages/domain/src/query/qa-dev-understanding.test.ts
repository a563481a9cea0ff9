import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DocumentExtractor } from '@docent/extractors';
import { describe, expect, it } from 'vitest';
import { normalizeDocument } from '../documents/normalize-document.ts';
import { type CatalogDocument, catalogDocument } from './catalog.ts';
import { splitQuestion } from './split-question.ts';
import { targetDocuments } from './target-documents.ts';

// The whole qa-dev set through question understanding, with a catalog built from the real
// documents the way AskQuestion builds it. Document ids are the file names, so `doc` compares.
const QA_DEV_DIR = path.resolve(import.meta.dirname, '../../../../../shared/qa-dev');

interface Question {
  id: string;
  doc: string | string[] | null;
  question: string;
  kind: 'lookup' | 'paraphrase' | 'multi' | 'unanswerable';
}

const extractor = new DocumentExtractor();
const catalog: CatalogDocument[] = [];
for (const name of readdirSync(path.join(QA_DEV_DIR, 'docs')).sort()) {
  const bytes = new Uint8Array(readFileSync(path.join(QA_DEV_DIR, 'docs', name)));
  const type = extractor.detectType(name, bytes);
  if (type === null) throw new Error(`${name} was not recognised`);
  const text = normalizeDocument(await extractor.extract(bytes, type));
  catalog.push(catalogDocument({ documentId: name, name, text }));
}
const questions = readFileSync(path.join(QA_DEV_DIR, 'questions.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Question);

const docsOf = (q: Question): string[] => (q.doc === null ? [] : Array.isArray(q.doc) ? q.doc : [q.doc]);
const results = questions.map((q) => ({ q, r: targetDocuments(q.question, catalog) }));
const flagged = ({ r }: (typeof results)[number]) => r.unmatchedNames.length > 0 || r.absentQualifiers.length > 0;

const answerable = results.filter(({ q }) => q.kind !== 'unanswerable');
const targeted = answerable.filter(({ r }) => r.targets.length > 0);
const rightTargets = targeted.filter(({ q, r }) => r.targets.every((t) => docsOf(q).includes(t)));
const falseFlags = answerable.filter(flagged);
const unanswerable = results.filter(({ q }) => q.kind === 'unanswerable');
const caught = unanswerable.filter(flagged);
const multi = questions.filter((q) => q.kind === 'multi');
const split = multi.filter((q) => splitQuestion(q.question).length === 2);
console.log(
  `qa-dev question understanding: targets on ${targeted.length}/${answerable.length} answerable, ` +
    `${rightTargets.length} right; unanswerable flagged ${caught.length}/${unanswerable.length}; ` +
    `false flags ${falseFlags.length}/${answerable.length}; multi split ${split.length}/${multi.length}`,
);

describe('question understanding on qa-dev', () => {
  it('builds a catalog entry for each of the 11 documents, each naming itself', () => {
    expect(catalog).toHaveLength(11);
    for (const doc of catalog) expect(doc.headings.length).toBeGreaterThan(0);
  });

  it(`targets only the right document (${rightTargets.length}/${targeted.length} targeted questions)`, () => {
    expect(targeted.filter((x) => !rightTargets.includes(x)).map(({ q, r }) => `${q.id}: ${r.targets}`)).toEqual([]);
    // Most answerable questions name their document; the rest (paraphrases) name none.
    expect(rightTargets.length).toBeGreaterThanOrEqual(36);
  });

  it('targets both documents of every two-document multi question', () => {
    const twoDocs = results.filter(({ q }) => q.kind === 'multi' && new Set(docsOf(q)).size === 2);
    expect(twoDocs).toHaveLength(4);
    for (const { q, r } of twoDocs) expect([...r.targets].sort()).toEqual([...new Set(docsOf(q))].sort());
  });

  it(`never flags an answerable question (${falseFlags.length}/${answerable.length})`, () => {
    expect(falseFlags.map(({ q, r }) => `${q.id}: ${r.unmatchedNames} ${r.absentQualifiers}`)).toEqual([]);
  });

  it(`flags most unanswerable near misses (${caught.length}/${unanswerable.length})`, () => {
    expect(caught.length).toBeGreaterThanOrEqual(7);
  });

  it('splits every multi question into two parts and no lookup question', () => {
    expect(split.map((q) => q.id)).toEqual(multi.map((q) => q.id));
    const lookups = questions.filter((q) => q.kind === 'lookup');
    expect(lookups.filter((q) => splitQuestion(q.question).length > 1).map((q) => q.id)).toEqual([]);
  });

  it('gives each part of a two-document question the target of its own part', () => {
    for (const q of multi.filter((m) => new Set(docsOf(m)).size === 2)) {
      const perPart = splitQuestion(q.question).map((part) => targetDocuments(part, catalog).targets);
      const union = new Set(perPart.flat());
      for (const doc of docsOf(q)) expect(union.has(doc), `${q.id} ${doc}`).toBe(true);
    }
  });
});
