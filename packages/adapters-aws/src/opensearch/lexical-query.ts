import type { LexicalEntry, LexicalQuery } from '@docent/domain';
import { analyzeText } from '@docent/domain';
import { scopeFilter } from './entry-store.ts';

/**
 * How often heading and file-name terms are written into `text`, i.e. how much more a match in them
 * counts: the weight the SQLite adapter gives those columns in FTS5's bm25.
 */
const HEADING_AND_NAME_WEIGHT = 2;

/**
 * The indexed text of an entry: the domain's terms of the body, then those of the heading and the file
 * name repeated `HEADING_AND_NAME_WEIGHT` times. One field with weighted term frequencies is BM25F: like
 * FTS5's bm25 with column weights (and unlike a `multi_match` over separate fields) a term has one
 * document frequency, the same one `termStatistics` reports.
 */
export const lexicalText = (entry: LexicalEntry): string => {
  const weighted = [...analyzeText(entry.heading ?? ''), ...analyzeText(entry.documentName)];
  const repeats = Array.from({ length: HEADING_AND_NAME_WEIGHT }, () => weighted).flat();
  return [...analyzeText(entry.text), ...repeats].join(' ');
};

/**
 * The `_search` body of a keyword query: BM25 over `text`, matching any of the query's distinct terms,
 * filtered to the owner's lexical entries (and documents); `null` when no term survives analysis.
 */
export const lexicalSearchBody = (query: LexicalQuery, size: number): object | null => {
  const terms = [...new Set(analyzeText(query.text))];
  if (terms.length === 0) return null;
  return {
    size,
    _source: ['chunkId', 'documentId'],
    query: {
      bool: {
        must: [{ match: { text: { query: terms.join(' '), operator: 'or' } } }],
        filter: scopeFilter('lexical', query.ownerId, query.documentIds),
      },
    },
  };
};

/**
 * The `_search` body counting the owner's lexical entries (exactly, past 10,000) and, per term, those
 * whose `text` holds it: one `filter` aggregation per term, named by position because terms may contain
 * characters an aggregation name may not (`[`, `>`).
 */
export const termStatisticsBody = (ownerId: string, terms: readonly string[]): object => ({
  size: 0,
  track_total_hits: true,
  query: { bool: { filter: scopeFilter('lexical', ownerId) } },
  ...(terms.length === 0
    ? {}
    : { aggs: Object.fromEntries(terms.map((term, i) => [`t${i}`, { filter: { term: { text: term } } }])) }),
});
