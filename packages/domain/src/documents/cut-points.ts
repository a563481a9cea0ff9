import { endsSentence, isSpace } from '../text/sentences.ts';

/**
 * Where a long section may be cut, as sorted offsets of the whole text. Ends are exclusive chunk
 * ends (just after a word); starts are chunk starts (a word's first character). Block and sentence
 * positions are also word positions.
 */
export interface CutPoints {
  blockEnds: number[];
  sentenceEnds: number[];
  wordEnds: number[];
  sentenceStarts: number[];
  wordStarts: number[];
}

/** Finds the cut points of `text` between `start` and `end`; `blockStarts` are the blocks inside. */
export const findCutPoints = (
  text: string,
  start: number,
  end: number,
  blockStarts: ReadonlySet<number>,
): CutPoints => {
  const points: CutPoints = { blockEnds: [], sentenceEnds: [], wordEnds: [], sentenceStarts: [], wordStarts: [] };
  let afterSentence = false;
  for (let i = start + 1; i < end; i++) {
    const space = isSpace(text[i]);
    const prevSpace = isSpace(text[i - 1]);
    if (space && !prevSpace) {
      points.wordEnds.push(i);
      if (text[i] === '\n') points.blockEnds.push(i);
      if (text[i] === '\n' || endsSentence(text, i)) {
        points.sentenceEnds.push(i);
        afterSentence = true;
      }
    } else if (!space && prevSpace) {
      points.wordStarts.push(i);
      if (afterSentence || blockStarts.has(i)) points.sentenceStarts.push(i);
      afterSentence = false;
    }
  }
  return points;
};

/** Index of the first element of a sorted array that is >= value. */
const lowerBound = (sorted: readonly number[], value: number): number => {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** The element of `sorted` within [lo, hi] nearest to `target` (the later one on ties), if any. */
export const closestInRange = (
  sorted: readonly number[],
  lo: number,
  hi: number,
  target: number,
): number | undefined => {
  if (lo > hi) return undefined;
  const t = Math.min(Math.max(target, lo), hi);
  const at = lowerBound(sorted, t);
  const after = sorted[at];
  const before = sorted[at - 1];
  const okAfter = after !== undefined && after <= hi;
  const okBefore = before !== undefined && before >= lo;
  if (okAfter && okBefore) return after - t <= t - before ? after : before;
  if (okAfter) return after;
  return okBefore ? before : undefined;
};

/** The largest element of `sorted` within [lo, hi], if any. */
export const lastInRange = (sorted: readonly number[], lo: number, hi: number): number | undefined => {
  const value = sorted[lowerBound(sorted, hi + 1) - 1];
  return value !== undefined && value >= lo ? value : undefined;
};
