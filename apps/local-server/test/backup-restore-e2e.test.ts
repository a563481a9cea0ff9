import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient, QA_DEV } from './support/api-client.ts';
import { type ServerProcess, startServer } from './support/server-process.ts';

const CLI = path.resolve(import.meta.dirname, '../src/cli.ts');
const ENV = { DOCENT_EMBEDDER: 'hashing' };

/** Runs `docent <args>` on `dataDir` as a user would; resolves with its exit code and output. */
const docent = async (dataDir: string, ...args: string[]): Promise<{ code: number | null; output: string }> => {
  const child = spawn(process.execPath, [CLI, ...args], {
    // NODE_OPTIONS carries the repository's source condition (vitest.config.ts): the CLI runs src/.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_OPTIONS: process.env.NODE_OPTIONS ?? '',
      DOCENT_DATA_DIR: dataDir,
      ...ENV,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
};

// The whole path as an operator runs it: a live server keeps taking uploads while `docent backup`
// copies its data dir; `docent restore` fills a fresh one; a server started on that answers from
// the restored document.
describe('docent backup and docent restore', () => {
  const folders: string[] = [];
  const servers: ServerProcess[] = [];
  const folder = async (prefix: string) => {
    const dir = await mkdtemp(path.join(tmpdir(), `docent-${prefix}-`));
    folders.push(dir);
    return dir;
  };

  afterAll(async () => {
    for (const server of servers) await server.stop();
    for (const dir of folders) await rm(dir, { recursive: true, force: true });
  });

  it('backs up a running server, restores into a fresh data dir, and answers from the restored document', async () => {
    const dataDir = await folder('live');
    const live = await startServer(dataDir, ENV);
    servers.push(live);
    const api = new ApiClient(live.url);
    await api.signIn('keeper@example.com', 'Keeper12345');
    const xz = (await api.upload(path.join(QA_DEV, 'docs', 'xz.1.txt'))).json.document.id;
    await api.waitForProcessing(60_000);

    const target = path.join(await folder('backup'), 'nightly');
    const [backup, during] = await Promise.all([
      docent(dataDir, 'backup', target),
      api.upload(path.join(QA_DEV, 'docs', 'Artistic.txt')),
    ]);
    expect(backup.output).toMatch(/Backed up \d+ documents/);
    expect(backup.code).toBe(0);
    expect(during.status).toBe(202);

    const restoredDir = path.join(await folder('restored'), 'data');
    // --data-dir wins over DOCENT_DATA_DIR (here the live dir, which a restore would refuse).
    const restore = await docent(dataDir, 'restore', target, '--data-dir', restoredDir);
    expect(restore.output).toContain('Restored');
    expect(restore.code).toBe(0);

    const restored = await startServer(restoredDir, ENV);
    servers.push(restored);
    const again = new ApiClient(restored.url);
    await again.signIn('keeper@example.com', 'Keeper12345');
    const documents = await again.waitForProcessing(60_000);
    expect(documents.map((d) => d.name)).toContain('xz.1.txt');
    const ask = await again.request('POST', '/query/ask', {
      question: 'What compression preset does xz use by default?',
    });
    expect(ask.status).toBe(200);
    expect(ask.json.abstained).toBe(false);
    expect(ask.json.citations.map((c: any) => [c.documentId, c.documentName])).toContainEqual([xz, 'xz.1.txt']);

    // Restoring again into the now non-empty dir fails with its code (damaged backups: restore-store.test.ts).
    const refused = await docent(restoredDir, 'restore', target);
    expect(refused).toMatchObject({ code: 1, output: expect.stringContaining('directory_not_empty') });
  }, 180_000);
});
