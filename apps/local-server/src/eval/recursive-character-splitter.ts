/** Settings of `splitRecursively`; the defaults are LangChain's. */
export interface RecursiveSplitOptions {
  /** Longest chunk in UTF-16 code units, LangChain's `text.length` (default 1000). */
  chunkSize?: number;
  /** How much of the previous chunk the next one may repeat (default 200). */
  chunkOverlap?: number;
  /** Tried in order; "" splits between characters (default "\n\n", "\n", " ", ""). */
  separators?: readonly string[];
}

/** A chunk and where it lies: `text === source.slice(start, end)`. */
export interface SplitChunk {
  text: string;
  start: number;
  end: number;
}

/** LangChain.js's defaults for `RecursiveCharacterTextSplitter`. */
export const LANGCHAIN_SPLIT_DEFAULTS = {
  chunkSize: 1000,
  chunkOverlap: 200,
  separators: ['\n\n', '\n', ' ', ''],
} as const;

interface Range {
  start: number;
  end: number;
}

interface Settings {
  chunkSize: number;
  chunkOverlap: number;
}

const width = (range: Range): number => range.end - range.start;

/**
 * LangChain.js's `RecursiveCharacterTextSplitter` with its default `keepSeparator: true`,
 * reimplemented on offsets so every chunk keeps its position: pick the first separator the text
 * contains, cut before each of its occurrences (the separator starts the next piece, as
 * `split(/(?=sep)/)` does, overlapping occurrences included), recurse with the later separators
 * into pieces of `chunkSize` or more, and merge runs of smaller pieces greedily into chunks of at
 * most `chunkSize`, each new chunk starting with up to `chunkOverlap` of the previous one. Chunks
 * are trimmed as `String.prototype.trim` does; whitespace-only chunks are dropped.
 */
export const splitRecursively = (text: string, options: RecursiveSplitOptions = {}): SplitChunk[] => {
  const chunkSize = options.chunkSize ?? LANGCHAIN_SPLIT_DEFAULTS.chunkSize;
  const chunkOverlap = options.chunkOverlap ?? LANGCHAIN_SPLIT_DEFAULTS.chunkOverlap;
  if (!(chunkOverlap >= 0 && chunkOverlap < chunkSize)) throw new Error('Cannot have chunkOverlap >= chunkSize');
  const separators = options.separators ?? LANGCHAIN_SPLIT_DEFAULTS.separators;
  return splitRange(text, { start: 0, end: text.length }, separators, { chunkSize, chunkOverlap });
};

const splitRange = (text: string, range: Range, separators: readonly string[], settings: Settings): SplitChunk[] => {
  const piece = text.slice(range.start, range.end);
  let separator = separators[separators.length - 1] ?? '';
  let rest: readonly string[] | undefined;
  for (const [i, candidate] of separators.entries()) {
    if (candidate === '') {
      separator = candidate;
      break;
    }
    if (piece.includes(candidate)) {
      separator = candidate;
      rest = separators.slice(i + 1);
      break;
    }
  }
  const chunks: SplitChunk[] = [];
  let small: Range[] = [];
  for (const split of splitOnSeparator(piece, range.start, separator)) {
    if (width(split) < settings.chunkSize) {
      small.push(split);
      continue;
    }
    chunks.push(...mergeSplits(text, small, settings));
    small = [];
    // Nothing left to split with: LangChain keeps the oversized piece as it is, untrimmed.
    if (rest === undefined) chunks.push({ text: text.slice(split.start, split.end), ...split });
    else chunks.push(...splitRange(text, split, rest, settings));
  }
  chunks.push(...mergeSplits(text, small, settings));
  return chunks;
};

/** Pieces of `piece` (which starts at `offset`), each separator occurrence starting a new one. */
const splitOnSeparator = (piece: string, offset: number, separator: string): Range[] => {
  const ranges: Range[] = [];
  if (separator === '') {
    for (let i = 0; i < piece.length; i++) ranges.push({ start: offset + i, end: offset + i + 1 });
    return ranges;
  }
  let start = 0;
  for (let at = piece.indexOf(separator, 1); at !== -1; at = piece.indexOf(separator, at + 1)) {
    ranges.push({ start: offset + start, end: offset + at });
    start = at;
  }
  ranges.push({ start: offset + start, end: offset + piece.length });
  return ranges.filter((r) => width(r) > 0);
};

/** LangChain's `mergeSplits` with an empty join separator (the one `keepSeparator` uses). */
const mergeSplits = (text: string, splits: readonly Range[], { chunkSize, chunkOverlap }: Settings): SplitChunk[] => {
  const chunks: SplitChunk[] = [];
  const current: Range[] = [];
  let total = 0;
  for (const split of splits) {
    const length = width(split);
    if (total + length > chunkSize && current.length > 0) {
      const chunk = joinTrimmed(text, current);
      if (chunk !== null) chunks.push(chunk);
      while (total > chunkOverlap || (total + length > chunkSize && total > 0)) {
        const first = current.shift();
        if (first === undefined) break;
        total -= width(first);
      }
    }
    current.push(split);
    total += length;
  }
  const chunk = joinTrimmed(text, current);
  if (chunk !== null) chunks.push(chunk);
  return chunks;
};

/** The merged pieces (always consecutive) as one trimmed chunk, or null when only whitespace. */
const joinTrimmed = (text: string, pieces: readonly Range[]): SplitChunk | null => {
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (first === undefined || last === undefined) return null;
  const raw = text.slice(first.start, last.end);
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  const start = first.start + raw.length - raw.trimStart().length;
  return { text: trimmed, start, end: start + trimmed.length };
};
