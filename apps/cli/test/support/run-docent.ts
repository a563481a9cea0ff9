import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The `docent` binary as the package declares it. */
export const DOCENT = path.resolve(import.meta.dirname, '../../src/main.ts');

/** The qa-dev set beside the repository (../shared/qa-dev). */
export const QA_DEV_DOCS = path.resolve(import.meta.dirname, '../../../../../shared/qa-dev/docs');

/** What a finished `docent` run printed and how it ended. */
export interface DocentRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of one run: the folder it runs in, extra environment, text for stdin. */
export interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  input?: string;
}

/**
 * A clean environment: no inherited DOCENT_* settings, the fast hashing embedder, and the data dir
 * `./data` of the folder the command runs in. Pipes, not a terminal, as in CI or a script.
 */
const environment = (extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  DOCENT_EMBEDDER: 'hashing',
  DOCENT_LOG_LEVEL: 'warn',
  ...extra,
});

/** Starts `docent <args>` as a child process. */
export const spawnDocent = (args: readonly string[], options: RunOptions): ChildProcess =>
  // From this checkout's sources: the `docent-source` export condition (docs/adr/0017-publishable-packages.md).
  spawn(process.execPath, ['--conditions=docent-source', DOCENT, ...args], {
    cwd: options.cwd,
    env: environment(options.env),
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });

/** Runs `docent <args>` to its end. */
export const runDocent = async (args: readonly string[], options: RunOptions): Promise<DocentRun> => {
  const child = spawnDocent(args, options);
  if (options.input !== undefined) child.stdin?.end(options.input);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
};

/** A temporary folder with `docs/` holding copies of these qa-dev documents; `remove()` deletes it. */
export const workspace = async (...documents: string[]): Promise<{ dir: string; remove: () => Promise<void> }> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'docent-cli-'));
  for (const name of documents) await cp(path.join(QA_DEV_DOCS, name), path.join(dir, 'docs', name));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
};

/** `docent serve` running in the background, with the URL it printed. */
export const startServe = async (cwd: string): Promise<{ url: string; stop: () => Promise<void> }> => {
  const child = spawnDocent(['serve'], { cwd, env: { PORT: '0', DOCENT_WEB: 'false' } });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`docent serve exited with ${code}:\n${output}`)));
  });
  return {
    url,
    async stop() {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
};
