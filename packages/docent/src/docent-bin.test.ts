import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { LOCAL_USER_EMAIL } from '@docent/local-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocent } from './create-docent.ts';

const run = promisify(execFile);
/** The `docent` command as this package declares it in `bin`. */
const BIN = path.resolve(import.meta.dirname, '../bin/docent.js');
const ARTISTIC = path.resolve(import.meta.dirname, '../../../../shared/qa-dev/docs/Artistic.txt');
const QUERY = 'May I charge a fee for distributing the package?';
const OPTIONS = { embedder: 'hashing', settings: { DOCENT_ASK_WORKERS: 0, DOCENT_JOB_POLL_MS: 20 } } as const;

// The library and the command line on one data dir act for the same default user, through the same use cases.
describe('the docent bin beside createDocent on one data dir', { timeout: 120_000 }, () => {
  let dir: string;
  let dataDir: string;
  const docent = async (...args: string[]) => {
    const env = { PATH: process.env.PATH ?? '', DOCENT_DATA_DIR: dataDir, DOCENT_EMBEDDER: 'hashing' };
    const { stdout } = await run(process.execPath, ['--conditions=docent-source', BIN, ...args, '--json'], {
      cwd: dir,
      env,
    });
    return JSON.parse(stdout);
  };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'docent-bin-'));
    dataDir = path.join(dir, 'data');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lists the library’s accounts, ingests and searches for the library’s default user, recording no history', async () => {
    const library = await createDocent({ dataDir, ...OPTIONS });
    await library.users.add('ann@example.org');
    await library.close();

    const { users } = await docent('users', 'list');
    expect(users.map((user: { email: string }) => user.email)).toEqual(['ann@example.org', LOCAL_USER_EMAIL]);
    expect((await docent('ingest', ARTISTIC)).counts).toMatchObject({ added: 1, failed: 0 });
    const { results } = await docent('search', QUERY);
    expect(results[0]).toMatchObject({ rank: 1, documentName: 'Artistic.txt' });

    const again = await createDocent({ dataDir, ...OPTIONS });
    try {
      expect((await again.documents.list()).items.map((document) => document.name)).toEqual(['Artistic.txt']);
      expect((await again.history()).items).toEqual([]);
      expect((await again.search(QUERY, { topK: 1 }))[0]?.text).toBe(results[0].text);
    } finally {
      await again.close();
    }
  });
});
