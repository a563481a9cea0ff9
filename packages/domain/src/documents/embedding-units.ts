import type { Chunk } from '../entities/chunk.ts';
import { type EmbeddingWindow, embeddingWindows } from './sentence-windows.ts';

/**
 * What a document's vectors are computed from: `window` embeds sentence windows of at most
 * `windowChars` (several per chunk, max-pooled at search time); `chunk` embeds each chunk whole.
 */
export type EmbeddingUnit = 'window' | 'chunk';

/**
 * The ranges of `text` to embed and the chunks each one's vector belongs to, in text order.
 * `chunks` must be sorted by `charStart`, as `chunkDocument` returns them.
 */
export const embeddingUnits = (
  unit: EmbeddingUnit,
  text: string,
  chunks: readonly Pick<Chunk, 'charStart' | 'charEnd'>[],
  windowChars: number,
): EmbeddingWindow[] =>
  unit === 'window'
    ? embeddingWindows(text, chunks, windowChars)
    : chunks.flatMap((chunk, i) =>
        chunk.charEnd > chunk.charStart ? [{ start: chunk.charStart, end: chunk.charEnd, chunks: [i] }] : [],
      );

/** Distinct texts to embed, and for each window the index of its text among them. */
export interface DistinctTexts {
  /** Each distinct window text once, in order of first appearance. */
  texts: string[];
  /** `textOf[w]` is the index in `texts` of window `w`'s text. */
  textOf: number[];
}

/**
 * Groups windows by their text, so that a text repeated in a document (a licence quoted twice,
 * a running header, a repeated table row) is embedded once and its vector shared.
 */
export const distinctTexts = (text: string, windows: readonly { start: number; end: number }[]): DistinctTexts => {
  const texts: string[] = [];
  const indexOf = new Map<string, number>();
  const textOf = windows.map((window) => {
    const slice = text.slice(window.start, window.end);
    let index = indexOf.get(slice);
    if (index === undefined) {
      index = texts.length;
      indexOf.set(slice, index);
      texts.push(slice);
    }
    return index;
  });
  return { texts, textOf };
};
