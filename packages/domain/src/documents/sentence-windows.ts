import type { Chunk } from '../entities/chunk.ts';
import { splitSentences, type TextRange } from '../text/sentences.ts';

/**
 * Cuts text into windows of consecutive whole sentences, each at most `maxChars` long (a longer
 * sentence is cut at word boundaries), without overlap. A sentence encoder reads one or two
 * sentences far better than a whole passage, and its cost grows with the characters it reads, so
 * windows cover the text once at about the cost of embedding it whole.
 */
export const sentenceWindows = (text: string, maxChars: number): TextRange[] => {
  const windows: TextRange[] = [];
  let current: TextRange | undefined;
  for (const sentence of splitSentences(text, maxChars)) {
    if (current !== undefined && sentence.end - current.start <= maxChars) {
      current.end = sentence.end;
    } else {
      current = { ...sentence };
      windows.push(current);
    }
  }
  return windows;
};

/** A range of the text to embed and the chunks (indexes) its vector belongs to. */
export interface EmbeddingWindow extends TextRange {
  chunks: number[];
}

/**
 * What to embed for a chunked document: its sentence windows, each given to every chunk that holds
 * it whole (overlapping chunks share it) or else to the one chunk it overlaps most. A chunk that
 * gets no window that way (a short section whose sentences ran into the next one) is embedded on its
 * own, cut to `maxChars`, so every chunk has at least one vector. Windows come in text order;
 * `chunks` must be sorted by `charStart`, as `chunkDocument` returns them.
 */
export const embeddingWindows = (
  text: string,
  chunks: readonly Pick<Chunk, 'charStart' | 'charEnd'>[],
  maxChars: number,
): EmbeddingWindow[] => {
  const windows: EmbeddingWindow[] = [];
  const covered = new Set<number>();
  let first = 0;
  for (const window of sentenceWindows(text, maxChars)) {
    // Windows come in text order, so chunks ending before this window never hold a later one.
    while (first < chunks.length && (chunks[first]?.charEnd ?? 0) <= window.start) first++;
    const inside: number[] = [];
    let best = -1;
    let bestOverlap = 0;
    for (let i = first; i < chunks.length; i++) {
      const chunk = chunks[i];
      if (chunk === undefined || chunk.charStart >= window.end) break;
      if (chunk.charStart <= window.start && window.end <= chunk.charEnd) inside.push(i);
      const overlap = Math.min(chunk.charEnd, window.end) - Math.max(chunk.charStart, window.start);
      if (overlap > bestOverlap) {
        bestOverlap = overlap;
        best = i;
      }
    }
    const owners = inside.length > 0 ? inside : best < 0 ? [] : [best];
    for (const owner of owners) covered.add(owner);
    if (owners.length > 0) windows.push({ ...window, chunks: owners });
  }
  chunks.forEach((chunk, i) => {
    if (covered.has(i) || chunk.charEnd <= chunk.charStart) return;
    const [head] = splitSentences(text.slice(chunk.charStart, chunk.charEnd), maxChars);
    const start = chunk.charStart + (head?.start ?? 0);
    windows.push({ start, end: chunk.charStart + (head?.end ?? 0), chunks: [i] });
  });
  return windows.sort((a, b) => a.start - b.start);
};
