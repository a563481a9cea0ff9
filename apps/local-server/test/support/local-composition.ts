import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { composeLocal, type LocalComposition, type LocalOverrides } from '../../src/container.ts';

/**
 * For a test file: a function that composes the local server from `env` on a fresh data dir under
 * the temp dir (named `prefix`...). After each test the composition is closed and its dir removed.
 */
export const localCompositions = (prefix: string) => {
  let dataDir: string | undefined;
  let composition: LocalComposition | undefined;
  afterEach(async () => {
    await composition?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    dataDir = undefined;
    composition = undefined;
  });
  return async (env: Record<string, string>, overrides: LocalOverrides = {}): Promise<LocalComposition> => {
    dataDir = await mkdtemp(path.join(tmpdir(), prefix));
    composition = composeLocal(loadConfig(env, dataDir), overrides);
    return composition;
  };
};
