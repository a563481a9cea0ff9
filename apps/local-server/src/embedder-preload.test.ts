import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HashingEmbedder } from '@docent/adapters-inmemory';
import { type Embedder, TOKENS } from '@docent/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { composeLocal } from './container.ts';

let dataDir: string | undefined;
afterEach(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

/** A hashing embedder with a `preload` that counts its calls and fails when told to. */
const preloadingEmbedder = (failure?: Error) => {
  const hashing = new HashingEmbedder();
  const counts = { preloads: 0 };
  return {
    counts,
    embedder: {
      modelId: hashing.modelId,
      dimensions: hashing.dimensions,
      embed: hashing.embed.bind(hashing),
      async preload() {
        counts.preloads += 1;
        if (failure) throw failure;
      },
    },
  };
};

describe('preloading the embedding model (DOCENT_EMBED_PRELOAD)', () => {
  it('loads the embedder at preload by default, and not when the setting is false', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'docent-preload-'));
    for (const [setting, expected] of [
      [undefined, 1],
      ['false', 0],
    ] as const) {
      const { embedder, counts } = preloadingEmbedder();
      const env = setting === undefined ? {} : { DOCENT_EMBED_PRELOAD: setting };
      const composition = composeLocal(loadConfig({ DOCENT_STORAGE: 'memory', ...env }, dataDir), { embedder });
      try {
        await composition.preload();
        expect(counts.preloads).toBe(expected);
      } finally {
        await composition.close();
      }
    }
  });

  it('reports a failed load to the caller, and the composition keeps embedding', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'docent-preload-'));
    const { embedder } = preloadingEmbedder(new Error('no model files'));
    const composition = composeLocal(loadConfig({ DOCENT_STORAGE: 'memory' }, dataDir), { embedder });
    try {
      await expect(composition.preload()).rejects.toThrow('no model files');
      const bound = composition.container.get<Embedder>(TOKENS.Embedder);
      await expect(bound.embed(['still answers'])).resolves.toHaveLength(1);
    } finally {
      await composition.close();
    }
  });
});
