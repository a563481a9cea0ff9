import { availableParallelism } from 'node:os';
import type { EmbeddingUnit } from '@docent/domain';
import { z } from 'zod';

/** How documents are embedded: worker threads of the offline embedder, and what each vector covers. */
export interface EmbeddingConfig {
  /** USE Lite worker threads, each with its own model (~330 MB). */
  workers: number;
  /** Sentence windows or whole chunks. */
  unit: EmbeddingUnit;
  /** Longest sentence window, in characters (for the `window` unit). */
  windowChars: number;
  /** Tokens USE Lite reads of a dense passage text (code, option lists, tables), from its start. */
  denseTokens: number;
  /** Load the embedding model(s) when the server starts, in the background, instead of on first use. */
  preload: boolean;
}

/**
 * One worker per core, up to two: the model's WASM backend uses one thread, so a second worker
 * doubles throughput on the 2-core target, and more would each cost another model's memory.
 */
export const DEFAULT_EMBED_WORKERS = Math.min(2, availableParallelism());

/**
 * USE Lite reads the first 16 tokens of a dense passage (under 2.5 characters a token, where the
 * 300-character windows reach the model's 128); BM25 matches its terms. Chosen by recall, tuned on
 * each of qa-dev and qa-dev2 and checked on the other: Docent's recall, MRR and answer hits are the
 * same at any cut from 64 down to 8 on both, and vectors-only recall holds down to 16 on both
 * (qa-dev lost a hit at 8). 13.5% fewer tokens embedded on qa-dev than at 64 (ADR 0029, ADR 0041).
 */
export const DEFAULT_EMBED_DENSE_TOKENS = 16;

/** The embedding settings; merged into the server's one schema. */
export const embeddingSchema = {
  DOCENT_EMBED_WORKERS: z.coerce.number().int().min(1).max(16).default(DEFAULT_EMBED_WORKERS),
  DOCENT_EMBED_UNIT: z.enum(['window', 'chunk']).default('window'),
  DOCENT_EMBED_WINDOW_CHARS: z.coerce.number().int().min(50).max(2000).default(300),
  // 128 is all USE Lite can read of a text.
  DOCENT_EMBED_DENSE_TOKENS: z.coerce.number().int().min(1).max(128).default(DEFAULT_EMBED_DENSE_TOKENS),
  // On by default: the first upload and question then find the models loaded and the extraction
  // workers started (ADR "Ingest overheads"); off saves the second embedding worker's ~240 MB and
  // the extraction workers on a server that only answers questions.
  DOCENT_EMBED_PRELOAD: z.enum(['true', 'false']).default('true'),
};

type EmbeddingSettings = { [K in keyof typeof embeddingSchema]: z.infer<(typeof embeddingSchema)[K]> };

/** The embedding part of the config from parsed settings. */
export const embeddingConfig = (c: EmbeddingSettings): EmbeddingConfig => ({
  workers: c.DOCENT_EMBED_WORKERS,
  unit: c.DOCENT_EMBED_UNIT,
  windowChars: c.DOCENT_EMBED_WINDOW_CHARS,
  denseTokens: c.DOCENT_EMBED_DENSE_TOKENS,
  preload: c.DOCENT_EMBED_PRELOAD === 'true',
});
