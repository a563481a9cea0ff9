import { splitSentences } from '../text/sentences.ts';

/** One sentence of a generated answer and the passage numbers its `[n]` markers name. */
export interface AnswerClaim {
  /** The sentence as written, markers included. */
  text: string;
  /** The sentence with its markers blanked out: what it claims. */
  claim: string;
  /** Distinct passage numbers of its markers, in order of appearance. */
  markers: number[];
}

// `[1]`, `[1, 3]`, `[1;3]`, `[2-4]`; `[1][3]` is two markers.
const MARKER = /\[\s*\d+(?:\s*[,;\-\u2013]\s*\d+)*\s*\]/gu;
// A range wider than this is not a citation (`[1-1000]` would otherwise name a thousand passages).
const MAX_RANGE = 20;

const markerNumbers = (marker: string): number[] => {
  const numbers: number[] = [];
  for (const part of marker.slice(1, -1).split(/[,;]/u)) {
    const [from, to] = part.split(/[-\u2013]/u).map((n) => Number.parseInt(n.trim(), 10));
    if (from === undefined || Number.isNaN(from)) continue;
    const last = to === undefined || Number.isNaN(to) || to < from || to - from > MAX_RANGE ? from : to;
    for (let n = from; n <= last; n++) numbers.push(n);
  }
  return numbers;
};

/**
 * Splits a generated answer into sentences and reads each one's `[n]` markers. Markers are blanked
 * before splitting, so `Sentence.[1] Next` and `Sentence [1]. Next` split alike; a marker between
 * two sentences belongs to the one before it, which is where models put them ("... 500 ms. [2]").
 */
export const readClaims = (text: string): AnswerClaim[] => {
  const markers = [...text.matchAll(MARKER)].map((m) => ({ at: m.index, numbers: markerNumbers(m[0]) }));
  const masked = text.replace(MARKER, (m) => ' '.repeat(m.length));
  const ranges = splitSentences(masked);
  const numbers = ranges.map(() => new Set<number>());
  for (const marker of markers) {
    let owner = 0;
    while (owner + 1 < ranges.length && (ranges[owner + 1]?.start ?? Number.POSITIVE_INFINITY) <= marker.at) owner++;
    for (const n of marker.numbers) numbers[owner]?.add(n);
  }
  return ranges.map((range, i) => ({
    text: text.slice(range.start, range.end),
    claim: masked.slice(range.start, range.end).replace(/\s+/gu, ' '),
    markers: [...(numbers[i] ?? [])],
  }));
};
