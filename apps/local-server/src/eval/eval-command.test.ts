import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error.ts';
import { evalCommand } from './eval-command.ts';

describe('docent eval --set', () => {
  let qaDir: string;
  beforeAll(async () => {
    qaDir = await mkdtemp(path.join(tmpdir(), 'docent-eval-command-'));
  });
  afterAll(async () => {
    await rm(qaDir, { recursive: true, force: true });
  });

  it.each([
    ['EMBED_DENSE_TOKENS=32', /DOCENT_NAME=value/],
    ['DOCENT_EMBED_DENSE_TOKENS', /DOCENT_NAME=value/],
    ['docent_embed_dense_tokens=32', /DOCENT_NAME=value/],
    ['DOCENT_DATA_DIR=/tmp/x', /cannot change DOCENT_DATA_DIR/],
    ['DOCENT_EMBEDDER=hashing', /cannot change DOCENT_EMBEDDER/],
  ])('refuses --set %s before it reads any set', async (pair, message) => {
    const run = evalCommand([qaDir, '--set', pair]);
    await expect(run).rejects.toThrow(UsageError);
    await expect(evalCommand([qaDir, '--set', pair])).rejects.toThrow(message);
  });
});
