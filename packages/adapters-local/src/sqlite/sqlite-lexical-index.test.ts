import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { analyzeText } from '@docent/domain';
import { makeLexicalEntry, uniqueId } from '@docent/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTemporaryStore, type TemporaryStore } from '../../test-support/temporary-store.ts';
import { toMatchExpression } from './sqlite-lexical-index.ts';

// Words, code-like compounds and non-Latin scripts, joined by the separators real text uses.
const token = fc.constantFrom(
  'Straße',
  'naïve',
  'café',
  '文書',
  'Ünïcödé',
  'x86_64',
  'url.parse',
  '--max-time',
  'a/b/c',
  'key:value',
  'v2.3.1',
  'ΑΘΗΝΑ',
  'emoji📄',
  'don’t',
  'IPv6',
  'e-mail',
  'C++',
  'ﬁle',
  '１２３',
  'the',
);
const text = fc.array(token, { minLength: 1, maxLength: 8 }).chain((words) =>
  fc
    .array(fc.constantFrom(' ', ', ', ' (', ') ', '\n', '; ', ' - '), {
      minLength: words.length,
      maxLength: words.length,
    })
    .map((separators) => words.map((word, i) => word + separators[i]).join('')),
);

describe('SqliteLexicalIndex', () => {
  let temporary: TemporaryStore;
  beforeAll(() => {
    temporary = openTemporaryStore();
  });
  afterAll(() => temporary.cleanup());

  it('quotes every term, so FTS5 never reads query text as operators', () => {
    expect(toMatchExpression('NOT a OR "b" NEAR(c)')).toBe('"b" OR "near" OR "c"');
    expect(toMatchExpression('--max-time and -x')).toBe('"max-time" OR "max" OR "time" OR "x"');
    expect(toMatchExpression('the of ?!')).toBeNull();
  });

  it('property: the FTS5 tokenizer reads back exactly the terms of analyzeText, in order', async () => {
    const index = temporary.store.LexicalIndex;
    // A second connection reads the inverted index itself through a temporary fts5vocab table.
    const reader = new DatabaseSync(path.join(temporary.dataDir, 'docent.db'));
    reader.exec("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, lexical_fts, 'instance')");
    const storedTerms = reader.prepare(
      `SELECT term FROM temp.vocab JOIN lexical_entries AS e ON e.entry_id = vocab.doc
       WHERE e.chunk_id = ? AND vocab.col = 'body' ORDER BY vocab.offset`,
    );
    try {
      await fc.assert(
        fc.asyncProperty(text, async (body) => {
          const entry = makeLexicalEntry({ text: body });
          await index.add([entry]);
          const terms = storedTerms.all(entry.chunkId).map((row) => row.term);
          expect(terms).toEqual(analyzeText(body));
        }),
        { numRuns: 100 },
      );
    } finally {
      reader.close();
    }
  });

  it('property: searching any word of an entry finds it, since queries are analysed like documents', async () => {
    const index = temporary.store.LexicalIndex;
    await fc.assert(
      fc.asyncProperty(fc.array(token, { minLength: 1, maxLength: 6 }), async (words) => {
        const entry = makeLexicalEntry({ text: words.join(' '), documentName: 'n' });
        await index.add([entry]);
        for (const word of words) {
          const hits = await index.search({ ownerId: entry.ownerId, text: word, limit: 5 });
          const expected = analyzeText(word).length > 0 ? [entry.chunkId] : [];
          expect(
            hits.map((hit) => hit.chunkId),
            word,
          ).toEqual(expected);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('treats an empty documentIds list as "no documents", not as "all documents"', async () => {
    const index = temporary.store.LexicalIndex;
    const entry = makeLexicalEntry({ text: 'lighthouse keeper' });
    await index.add([entry]);
    expect(await index.search({ ownerId: entry.ownerId, text: 'lighthouse', documentIds: [], limit: 5 })).toEqual([]);
  });

  it('rejects a non-positive limit instead of letting SQLite read it as "no limit"', async () => {
    const index = temporary.store.LexicalIndex;
    await expect(index.search({ ownerId: uniqueId('owner'), text: 'lighthouse', limit: -1 })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});
