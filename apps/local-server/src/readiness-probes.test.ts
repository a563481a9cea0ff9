import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HashingEmbedder } from '@docent/adapters-inmemory';
import { buildApp } from '@docent/http-api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config.ts';
import { composeLocal } from './container.ts';
import { embedderProbe } from './readiness-probes.ts';

let dataDir: string | undefined;
afterEach(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

describe('the readiness probes of the local composition', () => {
  it('turns /ready to 503 naming the store once the database is closed', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'docent-ready-'));
    const composition = composeLocal(loadConfig({ DOCENT_EMBEDDER: 'hashing' }, dataDir));
    const app = await buildApp(composition.container, {
      version: 'test',
      serveDocs: false,
      observability: { probes: composition.probes },
    });
    try {
      expect((await app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
      await composition.close();
      const response = await app.inject({ method: 'GET', url: '/ready' });
      expect(response.statusCode).toBe(503);
      const checks = response.json().checks as { name: string; ok: boolean; error?: string }[];
      expect(checks.map((check) => [check.name, check.ok])).toEqual([
        ['store', false],
        ['embedder', true],
      ]);
      expect(checks[0]?.error).toBe('The store is closed');
    } finally {
      await app.close();
    }
  });

  it('embeds once to prove the embedder answers, and trusts that answer for the cache period', async () => {
    let now = 0;
    const embedder = new HashingEmbedder();
    const embed = vi.spyOn(embedder, 'embed');
    const probe = embedderProbe(embedder, { cacheMs: 10_000, now: () => now });
    await probe.check();
    now += 9_999;
    await probe.check();
    expect(embed).toHaveBeenCalledTimes(1);
    now += 1;
    await probe.check();
    expect(embed).toHaveBeenCalledTimes(2);
    embed.mockRejectedValueOnce(new Error('model not loaded'));
    now += 10_000;
    await expect(probe.check()).rejects.toThrow('model not loaded');
  });
});
