import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../../..');
const EXAMPLE = path.join(REPO, 'docs/examples/embed.mjs');
const ZSTD = path.resolve(REPO, '../shared/qa-dev/docs/zstd-README.md');

describe('docs/examples/embed.mjs', () => {
  // The example as a user runs it: its own Node process, the default embedder (USE Lite) and ask workers.
  it('ingests a real file, answers with a cited quote and exits 0', { timeout: 180_000 }, async () => {
    const question = 'Where are dictionary compression gains mostly effective?';
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--conditions=docent-source', EXAMPLE, ZSTD, question],
      {
        cwd: REPO,
        timeout: 170_000,
      },
    );
    const lines = stdout.split('\n');
    const stages = lines.flatMap((line) => /^ {2}(\w+) \d+\/\d+$/.exec(line)?.[1] ?? []);
    expect(stages.filter((stage, i) => stage !== stages[i - 1])).toEqual([
      'queued',
      'extracting',
      'chunking',
      'indexing',
      'embedding',
      'done',
    ]);
    expect(stdout).toMatch(/^Ingested zstd-README\.md: \d+ chunks$/m);
    expect(stdout).toContain(`Q: ${question}`);
    expect(stdout).toMatch(/^A: .*first few KB/m);
    expect(stdout).toMatch(
      /^ {2}\[\d+\] zstd-README\.md: "Dictionary gains are mostly effective in the first few KB\."$/m,
    );
  });
});
