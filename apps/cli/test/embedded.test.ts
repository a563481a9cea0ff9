import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunOptions, runDocent, workspace } from './support/run-docent.ts';

const DOCUMENTS = ['Artistic.txt', 'CC0-1.0.txt', 'zstd-README.md'];
// qa-dev d001 and d003: the answers' spans, as the set's gold marks them.
const FEE = {
  question: 'Under the Artistic License, am I allowed to charge money when I distribute the package?',
  span: 'You may charge a reasonable copying fee for any distribution of this Package.',
};
const DATABASE = {
  question: 'Does CC0 cover database rights such as those created by the EU database directive?',
  span: 'database rights (such as those arising under Directive 96/9/EC',
};
// A GIF: an image type Docent does not read (PNG, JPEG, TIFF and WebP go to OCR).
const GIF_SIGNATURE = Uint8Array.of(0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0x80, 0, 0);

/** Progress and colour codes: none may reach a pipe. */
const TERMINAL_CODES = new RegExp(`[${String.fromCharCode(0x1b)}\r]`);

const citedQuotes = (stdout: string, document: string): string[] =>
  (JSON.parse(stdout).citations as { documentName: string; quote: string }[])
    .filter((citation) => citation.documentName === document)
    .map((citation) => citation.quote);

// The CLI on the embedded store, as a user in an empty folder runs it: no set-up step before
// ingest. Each run is a fresh Node process composing the store: generous timeouts for a busy machine.
describe('docent on the embedded store', { timeout: 180_000 }, () => {
  let dir: string;
  let remove: () => Promise<void>;
  let at: RunOptions;
  beforeAll(async () => {
    ({ dir, remove } = await workspace(...DOCUMENTS));
    at = { cwd: dir };
  });
  afterAll(() => remove());

  it('ingests a folder with plain progress lines, then skips it as unchanged and fails on an unreadable file', async () => {
    const first = await runDocent(['ingest', 'docs'], at);
    expect(first.code).toBe(0);
    expect(first.stdout + first.stderr).not.toMatch(TERMINAL_CODES);
    for (const name of DOCUMENTS) {
      expect(first.stdout).toMatch(new RegExp(`docs/${name}\\s+added\\s+ready`));
      expect(first.stderr).toContain(`docs/${name}: ready`);
    }
    expect(first.stdout).toContain('3 files: 3 added, 0 unchanged, 0 failed');

    await writeFile(path.join(dir, 'photo.gif'), GIF_SIGNATURE);
    const again = await runDocent(['ingest', 'docs', 'photo.gif', '--json'], at);
    expect(again.code).toBe(1);
    const summary = JSON.parse(again.stdout);
    expect(summary.counts).toEqual({ files: 4, added: 0, unchanged: 3, failed: 1 });
    expect(summary.files.map((f: { file: string; result: string }) => [f.file, f.result])).toEqual([
      ...DOCUMENTS.map((name) => [path.join('docs', name), 'unchanged']).sort(),
      ['photo.gif', 'rejected'],
    ]);
    expect(summary.files[3].error.code).toBe('unsupported_media_type');
  });

  it('answers with citations as JSON, scoped by --docs', async () => {
    const fee = await runDocent(['ask', FEE.question, '--json'], at);
    expect(fee.code).toBe(0);
    expect(citedQuotes(fee.stdout, 'Artistic.txt').join(' ')).toContain(FEE.span);

    const scoped = await runDocent(['ask', DATABASE.question, '--docs', 'CC0-1.0.txt', '--json'], at);
    expect(scoped.code).toBe(0);
    const names = JSON.parse(scoped.stdout).sources.map((source: { documentName: string }) => source.documentName);
    expect(new Set(names)).toEqual(new Set(['CC0-1.0.txt']));
    expect(citedQuotes(scoped.stdout, 'CC0-1.0.txt').join(' ')).toContain(DATABASE.span);
  });

  it('reindexes every document through the job runner', async () => {
    const run = await runDocent(['reindex', '--json'], at);
    expect(run.code).toBe(0);
    const { documents } = JSON.parse(run.stdout) as { documents: { name: string; status: string }[] };
    expect(documents.map((d) => d.name).sort()).toEqual([...DOCUMENTS].sort());
    expect(documents.every((d) => d.status === 'ready')).toBe(true);
  });

  it('config check names every bad setting and exits 4; a good one prints the config with secrets redacted', async () => {
    const bad = await runDocent(['config', 'check'], { ...at, env: { DOCENT_EMBEDDER: 'nope', DOCENT_PORTT: '1' } });
    expect(bad.code).toBe(4);
    expect(bad.stderr).toContain('DOCENT_EMBEDDER');
    expect(bad.stderr).toContain('DOCENT_PORTT: unknown setting');

    const secret = 'sekrit-token-0123456789';
    const good = await runDocent(['config', 'check', '--json'], { ...at, env: { DOCENT_METRICS_TOKEN: secret } });
    expect(good.code).toBe(0);
    expect(good.stdout).not.toContain(secret);
    expect(JSON.parse(good.stdout).config).toMatchObject({
      dataDir: path.join(dir, 'data'),
      embedder: { kind: 'hashing' },
      observability: { metricsToken: '[redacted]' },
    });
  });

  it('backs up into one file, restores it into a fresh data dir, and answers from there', async () => {
    const backup = await runDocent(['backup', 'nightly.tar.gz'], at);
    expect(backup).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Backed up 3 documents/) });

    const restored = { cwd: dir, env: { DOCENT_DATA_DIR: 'restored' } };
    const restore = await runDocent(['restore', 'nightly.tar.gz'], restored);
    expect(restore).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Restored 3 documents/) });
    const ask = await runDocent(['ask', FEE.question, '--json'], restored);
    expect(ask.code).toBe(0);
    expect(citedQuotes(ask.stdout, 'Artistic.txt').join(' ')).toContain(FEE.span);
  });
});
