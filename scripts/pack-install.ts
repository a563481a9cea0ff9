/**
 * The packed-install check of docs/adr/0017-publishable-packages.md, as a new user meets Docent: builds every
 * public workspace, packs each with `npm pack` into a temporary folder outside the repository, installs the
 * tarballs into a fresh app there (plain `npm install ./*.tgz`: no workspace, third-party dependencies from
 * the registry) and runs the JavaScript examples in it with plain Node (no TypeScript anywhere).
 * Run: `node --conditions=docent-source scripts/pack-install.ts` (prints each example's output and the time of
 * each step; keeps nothing).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { listWorkspaces } from './build-packages.ts';

const REPO = path.resolve(import.meta.dirname, '..');

/** A JavaScript file the installed app runs, with its command-line arguments. */
export interface PackExample {
  file: string;
  args: string[];
}

/**
 * The documented examples: the library (`createDocent` from `docent`, on a real qa-dev document) and the
 * local server with its web app.
 */
export const PACK_EXAMPLES: PackExample[] = [
  {
    file: path.join(REPO, 'docs', 'examples', 'embed.mjs'),
    args: [
      path.resolve(REPO, '../shared/qa-dev/docs/zstd-README.md'),
      'Where are dictionary compression gains mostly effective?',
    ],
  },
  { file: path.join(REPO, 'docs', 'examples', 'local-server.mjs'), args: [] },
];

/** What one check did: each example's output (in order) and the seconds each step took. */
export interface PackInstallResult {
  stdouts: string[];
  /** The tarballs installed, by file name. */
  tarballs: string[];
  seconds: { build: number; pack: number; install: number; example: number };
}

const exec = promisify(execFile);

// npm as the running npm names itself (under `npm test`), else the one on PATH; run with this Node either way.
const npm = (args: readonly string[], cwd: string, timeoutMs: number) => {
  const npmCli = process.env.npm_execpath;
  return npmCli === undefined || !npmCli.endsWith('.js')
    ? exec('npm', args, { cwd, timeout: timeoutMs, maxBuffer: 1 << 26 })
    : exec(process.execPath, [npmCli, ...args], { cwd, timeout: timeoutMs, maxBuffer: 1 << 26 });
};

const timed = async <T>(step: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const value = await step();
  return [value, (performance.now() - started) / 1000];
};

/** Builds, packs, installs and runs the examples in a fresh app; throws with the failing step's output. */
export const packInstall = async (examples: PackExample[] = PACK_EXAMPLES): Promise<PackInstallResult> => {
  const work = mkdtempSync(path.join(tmpdir(), 'docent-pack-'));
  try {
    const [, build] = await timed(() =>
      exec(process.execPath, [path.join(REPO, 'scripts', 'build-packages.ts')], { cwd: REPO, timeout: 600_000 }),
    );
    const publicNames = listWorkspaces(REPO)
      .filter((workspace) => !workspace.private)
      .map((workspace) => workspace.name);
    const tarballDir = path.join(work, 'tarballs');
    mkdirSync(tarballDir);
    const [, pack] = await timed(() =>
      npm(['pack', '--pack-destination', tarballDir, ...publicNames.flatMap((name) => ['-w', name])], REPO, 120_000),
    );
    const tarballs = readdirSync(tarballDir).filter((file) => file.endsWith('.tgz'));

    const app = path.join(work, 'app');
    mkdirSync(app);
    writeFileSync(
      path.join(app, 'package.json'),
      `${JSON.stringify({ name: 'docent-pack-check', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`,
    );
    // As in this repository's .npmrc: onnxruntime-node's install script would fetch GPU binaries from
    // api.nuget.org, which Docent never uses (and which CI cannot reach).
    writeFileSync(path.join(app, '.npmrc'), 'onnxruntime-node-install=skip\n');
    const [, install] = await timed(() =>
      npm(
        ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs.map((file) => `../tarballs/${file}`)],
        app,
        600_000,
      ),
    );
    // No NODE_OPTIONS from the caller (the repository's source condition) and no type stripping: the app runs
    // the JavaScript it installed, or fails.
    const env = { ...process.env, NODE_OPTIONS: '' };
    const [stdouts, seconds] = await timed(async () => {
      const outputs: string[] = [];
      for (const { file, args } of examples) {
        copyFileSync(file, path.join(app, path.basename(file)));
        const flags = ['--no-experimental-strip-types', path.basename(file), ...args];
        outputs.push((await exec(process.execPath, flags, { cwd: app, env, timeout: 180_000 })).stdout);
      }
      return outputs;
    });
    return { stdouts, tarballs, seconds: { build, pack, install, example: seconds } };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

if (import.meta.main) {
  const result = await packInstall();
  for (const stdout of result.stdouts) console.log(stdout.trimEnd());
  console.log(`${result.tarballs.length} tarballs: ${result.tarballs.join(', ')}`);
  console.log(
    Object.entries(result.seconds)
      .map(([step, seconds]) => `${step} ${seconds.toFixed(1)} s`)
      .join(', '),
  );
}
