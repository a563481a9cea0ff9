import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDocent, startServe, workspace } from './support/run-docent.ts';

const TIMEOUT = 180_000;
const EMAIL = 'ann@example.org';
const PASSWORD = 'Correct-horse-9';

// A running `docent serve` owns its data dir: the CLI says so and points to --url, which then does
// the same work over HTTP with the token in DOCENT_TOKEN.
describe('docent against a running server', { timeout: TIMEOUT }, () => {
  let dir: string;
  let remove: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startServe>>;
  beforeAll(async () => {
    ({ dir, remove } = await workspace('xz.1.txt'));
    server = await startServe(dir);
  }, TIMEOUT);
  afterAll(async () => {
    await server?.stop();
    await remove();
  });

  it('refuses the locked data dir with a message that names --url, exit 3', async () => {
    const run = await runDocent(['docs', 'list'], { cwd: dir });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/data directory .* is in use by process \d+/);
    expect(run.stderr).toContain('--url');
  });

  it('adds a user, ingests and answers with citations over HTTP', async () => {
    const at = { cwd: dir, env: { DOCENT_URL: server.url } };
    const added = await runDocent(['users', 'add', EMAIL], { ...at, input: `${PASSWORD}\n` });
    expect(added).toMatchObject({ code: 0, stdout: expect.stringContaining(`Added ${EMAIL}`) });
    const login = await fetch(new URL('/auth/login', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };

    const signedIn = { cwd: dir, env: { DOCENT_TOKEN: token } };
    const ingest = await runDocent(['--url', server.url, 'ingest', 'docs/xz.1.txt'], signedIn);
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toMatch(/docs\/xz\.1\.txt\s+added\s+ready/);

    const ask = await runDocent(
      ['ask', 'What compression preset does xz use by default?', '--json', '--url', server.url],
      signedIn,
    );
    expect(ask.code).toBe(0);
    const answer = JSON.parse(ask.stdout);
    expect(answer.abstained).toBe(false);
    expect(answer.citations.map((c: { documentName: string }) => c.documentName)).toContain('xz.1.txt');

    // POST /query/search: the passages the answer was read from, in the embedded mode's JSON shape.
    const search = await runDocent(
      ['search', 'What compression preset does xz use by default?', '--json', '--url', server.url],
      signedIn,
    );
    expect(search.code).toBe(0);
    expect(JSON.parse(search.stdout)).toEqual({
      query: 'What compression preset does xz use by default?',
      results: answer.sources,
    });

    // Backup reads a snapshot through its own connection: it works beside the server's lock.
    const reindex = await runDocent(['--url', server.url, 'reindex', '--json'], signedIn);
    expect(reindex.code).toBe(0);
    expect(JSON.parse(reindex.stdout)).toMatchObject({
      documents: [expect.objectContaining({ name: 'xz.1.txt', status: 'ready' })],
      skipped: 0,
      failed: 0,
    });

    const backup = await runDocent(['backup', 'live.tar.gz'], { cwd: dir });
    expect(backup).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Backed up 1 documents, \d+ chunks, 1 users/),
    });

    const anonymous = await runDocent(['docs', 'list', '--url', server.url], { cwd: dir });
    expect(anonymous).toMatchObject({ code: 1, stderr: expect.stringContaining('unauthorized') });
  });
});
