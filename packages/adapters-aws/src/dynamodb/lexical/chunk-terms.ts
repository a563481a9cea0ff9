import { analyzeText, type FieldFrequencies, type LexicalEntry } from '@docent/domain';
import { termKey } from './lexical-keys.ts';

/** A chunk as the index sees it: its terms (as keyed, see `termKey`) and its length in terms. */
export interface ChunkTerms {
  terms: Map<string, FieldFrequencies>;
  /** Terms in all three fields together: FTS5's `|D|`, the row's total token count. */
  length: number;
}

/**
 * The domain's terms of an entry's body, heading and file name, counted per field: the three
 * columns the SQLite index hands FTS5, so frequencies and lengths are those its bm25() sees.
 */
export const chunkTerms = (entry: LexicalEntry): ChunkTerms => {
  const terms = new Map<string, FieldFrequencies>();
  let length = 0;
  const fields: [keyof FieldFrequencies, string][] = [
    ['body', entry.text],
    ['heading', entry.heading ?? ''],
    ['title', entry.documentName],
  ];
  for (const [field, text] of fields) {
    for (const term of analyzeText(text)) {
      const key = termKey(term);
      let counts = terms.get(key);
      if (counts === undefined) {
        counts = { body: 0, heading: 0, title: 0 };
        terms.set(key, counts);
      }
      counts[field]++;
      length++;
    }
  }
  return { terms, length };
};

/** The distinct terms of a query, as keyed, in the order they first occur. */
export const queryTerms = (text: string): string[] => [...new Set(analyzeText(text).map(termKey))];
