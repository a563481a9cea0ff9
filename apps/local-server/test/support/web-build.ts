import { execFile } from 'node:child_process';
import { mkdir, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { WEB_BUILD_PATHS, webBuildState } from '../../../../scripts/ensure-web-build.ts';
import { REPO_ROOT } from './browser.ts';

const SCRIPT = path.join(REPO_ROOT, 'scripts', 'ensure-web-build.ts');
// Test files run in parallel processes: only one may run Vite, which empties dist/ first.
const LOCK = path.join(REPO_ROOT, 'e2e-output', '.web-build.lock');
const BUILD_TIMEOUT_MS = 180_000;

/** Tries to take the build lock; a lock older than a build can take is left over from a crash. */
const tryLock = async (): Promise<boolean> => {
  try {
    await mkdir(LOCK);
    return true;
  } catch {
    const age = Date.now() - (await stat(LOCK).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (age > BUILD_TIMEOUT_MS) await rmdir(LOCK).catch(() => undefined);
    return false;
  }
};

/**
 * Builds apps/web/dist when it is missing or older than its sources, as `npm start` does (by
 * running scripts/ensure-web-build.ts), so the server under test serves the current app.
 */
export const ensureWebBuild = async (): Promise<void> => {
  await mkdir(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  while (!(await tryLock())) {
    if (Date.now() > deadline) throw new Error(`web build lock ${LOCK} held for too long`);
    await sleep(200);
  }
  try {
    if (webBuildState(WEB_BUILD_PATHS).status === 'fresh') return;
    await promisify(execFile)(process.execPath, [SCRIPT], { cwd: REPO_ROOT, timeout: BUILD_TIMEOUT_MS }).catch(
      (error: { stdout?: string; stderr?: string }) => {
        throw new Error(`web build failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
      },
    );
  } finally {
    await rmdir(LOCK);
  }
};
