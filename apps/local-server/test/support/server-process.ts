import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const SERVE = path.resolve(import.meta.dirname, 'serve.ts');

/** A Docent server running as a real child process, as `npm start` runs it. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
  /** Peak resident set size of the server process so far, in bytes (Linux). */
  peakRss(): number;
  /** SIGTERM and wait for a clean exit; returns the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

/** Starts `docent serve` on a free port with the given data dir and extra environment. */
export const startServer = async (dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> => {
  const child = spawn(process.execPath, [SERVE], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      // The repository's source condition (vitest.config.ts): the server runs the workspaces from src/.
      NODE_OPTIONS: process.env.NODE_OPTIONS ?? '',
      PORT: '0',
      DOCENT_DATA_DIR: dataDir,
      DOCENT_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
  const exited = once(child, 'exit');
  return {
    url,
    child,
    output: () => output,
    peakRss: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kib = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
      return kib ? Number(kib) * 1024 : Number.NaN;
    },
    async stop() {
      child.kill('SIGTERM');
      const [code] = await exited;
      return code as number | null;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
};
