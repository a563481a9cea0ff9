/**
 * `npm start`'s prestart: builds the web app (`npm run build -w @docent/web`) only when
 * apps/web/dist/index.html is missing or older than one of the files it is built from, so a fresh
 * checkout serves the UI at `/` and an unchanged one starts at once. Prints what it decides.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** What a build reads and writes. */
export interface WebBuildPaths {
  /** The build's entry page: its modification time is the build's. */
  output: string;
  /** Files and folders (searched recursively) the build is made from; missing ones are skipped. */
  sources: readonly string[];
}

/** Whether the build must run, and why; `changed` names a source newer than the build. */
export type WebBuildState = { status: 'fresh' } | { status: 'missing' } | { status: 'outdated'; changed: string };

const modifiedMs = (file: string): number | null => {
  try {
    const stats = statSync(file);
    return stats.isFile() ? stats.mtimeMs : null;
  } catch {
    return null;
  }
};

/** Every file of a source entry: the file itself, or all files below a folder. */
const filesOf = (entry: string): string[] => {
  if (!existsSync(entry)) return [];
  if (!statSync(entry).isDirectory()) return [entry];
  return readdirSync(entry, { recursive: true, encoding: 'utf8' }).map((relative) => path.join(entry, relative));
};

/** Compares the build's output with its sources by modification time. */
export const webBuildState = (paths: WebBuildPaths): WebBuildState => {
  const builtAt = modifiedMs(paths.output);
  if (builtAt === null) return { status: 'missing' };
  for (const file of paths.sources.flatMap(filesOf)) {
    const changedAt = modifiedMs(file);
    if (changedAt !== null && changedAt > builtAt) return { status: 'outdated', changed: file };
  }
  return { status: 'fresh' };
};

const REPO = path.resolve(import.meta.dirname, '..');
const WEB = path.join(REPO, 'apps', 'web');

/** The web workspace of this checkout: `apps/web/dist/index.html` from `src/`, `index.html`, `vite.config.ts`. */
export const WEB_BUILD_PATHS: WebBuildPaths = {
  output: path.join(WEB, 'dist', 'index.html'),
  sources: [path.join(WEB, 'src'), path.join(WEB, 'index.html'), path.join(WEB, 'vite.config.ts')],
};

const runBuild = (): number => {
  // Under `npm start`, npm names its own CLI: run that with this Node rather than whatever is on PATH.
  const npmCli = process.env.npm_execpath;
  const args = ['run', 'build', '-w', '@docent/web'];
  const result =
    npmCli === undefined
      ? spawnSync('npm', args, { cwd: REPO, stdio: 'inherit' })
      : spawnSync(process.execPath, [npmCli, ...args], { cwd: REPO, stdio: 'inherit' });
  return result.status ?? 1;
};

if (import.meta.main) {
  const relative = (file: string) => path.relative(REPO, file);
  if (!existsSync(path.join(WEB, 'package.json'))) {
    console.log('web app: no apps/web workspace, the server runs without it');
  } else {
    const state = webBuildState(WEB_BUILD_PATHS);
    if (state.status === 'fresh') {
      console.log(`web app: ${relative(WEB_BUILD_PATHS.output)} is up to date`);
    } else {
      const why =
        state.status === 'missing'
          ? `${relative(WEB_BUILD_PATHS.output)} is missing`
          : `${relative(state.changed)} changed since the last build`;
      console.log(`web app: building (${why}): npm run build -w @docent/web`);
      const status = runBuild();
      if (status !== 0) {
        console.error(`web app: the build failed (exit code ${status})`);
        process.exit(status);
      }
    }
  }
}
