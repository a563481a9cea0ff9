import { existsSync } from 'node:fs';
import path from 'node:path';
import { LOCAL_USER_EMAIL } from '@docent/local-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDocent, workspace } from './support/run-docent.ts';

// --help and --version answer without side effects: no server, no data dir, nothing on stderr.
describe('docent --help and --version', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, remove } = await workspace());
  });
  afterAll(() => remove());

  it('print usage or the version, exit 0 and create nothing, for the program and every command', async () => {
    const lines = [
      ['--help'],
      ['--version'],
      ['ingest', '--help'],
      ['ask', '--help'],
      ['docs', 'list', '--help'],
      ['config', 'check', '--help'],
      ['serve', '--help'],
    ];
    const runs = await Promise.all(lines.map((args) => runDocent(args, { cwd: dir })));
    for (const [index, run] of runs.entries()) {
      expect({ args: lines[index], code: run.code, stderr: run.stderr }).toEqual({
        args: lines[index],
        code: 0,
        stderr: '',
      });
      expect(run.stdout).toMatch(lines[index]?.[0] === '--version' ? /^\d+\.\d+\.\d+\n$/ : /^Usage: docent/);
    }
    // The help names the library's default user, which it prints without loading the library.
    expect(runs[0]?.stdout).toContain(LOCAL_USER_EMAIL);
    expect(existsSync(path.join(dir, 'data'))).toBe(false);
  });

  it('a command line it cannot run exits 2 with the problem on stderr', async () => {
    const [bare, unknown, missing] = await Promise.all([
      runDocent([], { cwd: dir }),
      runDocent(['frobnicate'], { cwd: dir }),
      runDocent(['ask'], { cwd: dir }),
    ]);
    expect(bare).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('Usage: docent') });
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown command 'frobnicate'") });
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining("missing required argument 'question'") });
    expect(existsSync(path.join(dir, 'data'))).toBe(false);
  });
});
