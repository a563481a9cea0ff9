import { HashingEmbedder } from '@docent/adapters-inmemory';
import { UseLiteEmbedder } from '@docent/adapters-local';
import type { Embedder } from '@docent/domain';

/** Embedders the scale benchmark can build with. */
export type BenchEmbedderName = 'hashing' | 'use-lite';

/**
 * The model-free hashing embedder at USE Lite's width (512), so a large corpus builds in minutes
 * with vectors of the real size, or USE Lite itself (about 20 passages/s: small corpora only).
 */
export const createBenchEmbedder = (name: BenchEmbedderName): Embedder & { close?: () => Promise<void> } =>
  name === 'use-lite' ? new UseLiteEmbedder() : new HashingEmbedder({ dimensions: 512 });
