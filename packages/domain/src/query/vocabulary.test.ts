import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPOUND } from './terms.ts';
import { buildVocabulary } from './vocabulary.ts';

const text = `Use --max-time to limit it. XML_ParserCreate() builds a parser; url.parse() is legacy.
SHA256 outputs 32 octets. Version 5.4.1 of GNU Screen; see GNU screen(1). Node.js is fine.`;
const vocabulary = buildVocabulary(text);

describe('buildVocabulary', () => {
  it('counts words case-insensitively and code tokens whole or by their parts', () => {
    expect(vocabulary('parser')).toBe(1);
    expect(vocabulary('xml_parsercreate')).toBe(1);
    expect(vocabulary('XML_ParserCreate()')).toBe(1);
    expect(vocabulary('parsercreate')).toBe(1);
    expect(vocabulary('url.parse()')).toBe(1);
    expect(vocabulary('absent')).toBe(0);
  });

  it('tolerates punctuation and keeps options distinct from words', () => {
    expect(vocabulary('SHA-256')).toBe(1);
    expect(vocabulary('nodejs')).toBe(1);
    expect(vocabulary('--max-time')).toBe(1);
    expect(vocabulary('max-time')).toBe(1);
    expect(vocabulary('--parser')).toBe(0);
  });

  it('counts phrases and shorter spellings of versions', () => {
    expect(vocabulary('GNU screen')).toBe(2);
    expect(vocabulary('screen GNU')).toBe(0);
    expect(vocabulary('5.4')).toBe(1);
    expect(vocabulary('5.4.1')).toBe(1);
    expect(vocabulary('5.5')).toBe(0);
    expect(vocabulary('')).toBe(0);
  });

  it('counts no phrase across a clause break', () => {
    const clauses = buildVocabulary('The Contributor Version; 2) any other code (see version 3). Version: 4');
    expect(clauses('version 2')).toBe(0);
    expect(clauses('version 3')).toBe(1);
    expect(clauses('version 4')).toBe(0);
    expect(clauses('contributor version')).toBe(1);
  });

  it('property: every compound of a text, and every pair of adjacent words, is counted', () => {
    const word = fc.constantFrom('alpha', 'Beta', 'x_y', '--opt', 'v1.2', 'Node.js', 'a-b', 'c++', '42');
    fc.assert(
      fc.property(fc.array(word, { minLength: 2, maxLength: 20 }), fc.constantFrom(' ', '\n', ', '), (words, sep) => {
        const body = words.join(sep);
        const counts = buildVocabulary(body);
        for (const [compound] of body.matchAll(COMPOUND)) expect(counts(compound), compound).toBeGreaterThan(0);
        if (sep === ' ') expect(counts(`${words[0]} ${words[1]}`)).toBeGreaterThan(0);
      }),
    );
  });
});
