/**
 * `npm run build`: builds every public (not `private`) workspace into its `dist/`, dependencies first,
 * so each one can be packed and installed outside this repository (docs/adr/0017-publishable-packages.md).
 * A workspace with its own `build` script (the web app) runs it (those go first: nothing compiles against
 * them); every other one compiles `src/` with tsc through its one-line `tsconfig.build.json`. Development never needs this: the `docent-source`
 * export condition runs `src/` directly.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, globSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { WEB_BUILD_PATHS, webBuildState } from './ensure-web-build.ts';

/** One workspace of the repository, as its package.json describes it. */
export interface Workspace {
  name: string;
  /** Absolute folder. */
  dir: string;
  private: boolean;
  /** Names of everything it depends on at run time (`dependencies`, `peerDependencies`). */
  dependsOn: string[];
  /** Whether it brings its own `build` script. */
  ownBuild: boolean;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

/** Every workspace the root package.json names, by expanding its `workspaces` globs. */
export const listWorkspaces = (root: string): Workspace[] => {
  const patterns: string[] = readJson(path.join(root, 'package.json')).workspaces ?? [];
  const dirs = patterns.flatMap((pattern) => globSync(pattern, { cwd: root })).sort();
  return dirs
    .map((dir) => path.join(root, dir))
    .filter((dir) => existsSync(path.join(dir, 'package.json')))
    .map((dir) => {
      const manifest = readJson(path.join(dir, 'package.json'));
      return {
        name: manifest.name,
        dir,
        private: manifest.private === true,
        dependsOn: Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }),
        ownBuild: typeof manifest.scripts?.build === 'string',
      };
    });
};

/** The public workspaces, each after the public workspaces it depends on. Throws on a dependency cycle. */
export const publicBuildOrder = (workspaces: readonly Workspace[]): Workspace[] => {
  const byName = new Map(workspaces.filter((w) => !w.private).map((w) => [w.name, w]));
  const ordered: Workspace[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (workspace: Workspace, chain: readonly string[]) => {
    if (state.get(workspace.name) === 'done') return;
    if (state.get(workspace.name) === 'visiting') {
      throw new Error(`Dependency cycle: ${[...chain, workspace.name].join(' -> ')}`);
    }
    state.set(workspace.name, 'visiting');
    for (const dependency of workspace.dependsOn) {
      const inner = byName.get(dependency);
      if (inner !== undefined) visit(inner, [...chain, workspace.name]);
    }
    state.set(workspace.name, 'done');
    ordered.push(workspace);
  };
  for (const workspace of byName.values()) visit(workspace, []);
  return ordered;
};

const run = (command: string, args: readonly string[], cwd: string): void => {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed (${result.error?.message ?? result.status})`);
  }
};

/** Runs a workspace's own `build` script (the web app's vite build). */
const runOwnBuild = (root: string, workspace: Workspace): void => {
  // Under `npm run build`, npm names its own CLI: run that with this Node rather than whatever is on PATH.
  const npmCli = process.env.npm_execpath;
  const args = ['run', 'build', '-w', workspace.name];
  if (npmCli === undefined || !npmCli.endsWith('.js')) run('npm', args, root);
  else run(process.execPath, [npmCli, ...args], root);
};

/**
 * Compiles the workspaces in one `tsc --build` (one process: about half the CPU of one tsc per package),
 * in the order given, after removing what an earlier build left (dist/ and tsc's build-info file), so files
 * whose sources were deleted do not linger.
 */
const compile = (root: string, workspaces: readonly Workspace[]): void => {
  const projects = workspaces.map((workspace) => {
    const project = path.join(workspace.dir, 'tsconfig.build.json');
    if (!existsSync(project)) {
      throw new Error(
        `${workspace.name} is public but has no tsconfig.build.json: add { "extends": "<root>/tsconfig.package.json" }.`,
      );
    }
    rmSync(path.join(workspace.dir, 'dist'), { recursive: true, force: true });
    rmSync(path.join(workspace.dir, 'tsconfig.build.tsbuildinfo'), { force: true });
    return project;
  });
  run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--build', ...projects], root);
};

/** Builds every public workspace: those with their own build script first, then the TypeScript ones. */
export const buildPublicWorkspaces = (root: string): void => {
  const ordered = publicBuildOrder(listWorkspaces(root));
  for (const workspace of ordered.filter((w) => w.ownBuild)) {
    // Vite empties apps/web/dist before writing it: as `npm start` does, skip a build newer than its sources,
    // so building never takes the UI away from a running server or test.
    if (workspace.name === '@docent/web' && webBuildState(WEB_BUILD_PATHS).status === 'fresh') continue;
    runOwnBuild(root, workspace);
  }
  compile(
    root,
    ordered.filter((w) => !w.ownBuild),
  );
};

if (import.meta.main) {
  const started = performance.now();
  buildPublicWorkspaces(path.resolve(import.meta.dirname, '..'));
  console.log(`built the public workspaces in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
