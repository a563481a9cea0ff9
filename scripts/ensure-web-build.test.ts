import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WEB_BUILD_PATHS, type WebBuildPaths, webBuildState } from './ensure-web-build.ts';

let web: string;
let paths: WebBuildPaths;

/** Writes a file with a modification time `minutes` after a fixed instant. */
const write = (relative: string, minutes: number): string => {
  const file = path.join(web, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, relative);
  const at = new Date(Date.UTC(2025, 0, 1, 12, minutes));
  utimesSync(file, at, at);
  return file;
};

beforeEach(() => {
  web = mkdtempSync(path.join(tmpdir(), 'docent-web-build-'));
  paths = {
    output: path.join(web, 'dist', 'index.html'),
    sources: [path.join(web, 'src'), path.join(web, 'index.html'), path.join(web, 'vite.config.ts')],
  };
  write('src/main.tsx', 0);
  write('src/screens/documents/documents-screen.tsx', 1);
  write('index.html', 2);
  write('vite.config.ts', 3);
});

afterEach(() => rmSync(web, { recursive: true, force: true }));

describe('webBuildState', () => {
  it('asks for a build when there is none', () => {
    expect(webBuildState(paths)).toEqual({ status: 'missing' });
  });

  it('is fresh when the build is newer than every source', () => {
    write('dist/index.html', 10);
    expect(webBuildState(paths)).toEqual({ status: 'fresh' });
  });

  it('names a source changed after the build, however deep in a source folder', () => {
    write('dist/index.html', 10);
    const changed = write('src/screens/documents/documents-screen.tsx', 11);
    expect(webBuildState(paths)).toEqual({ status: 'outdated', changed });
  });

  it('watches the single-file sources too', () => {
    write('dist/index.html', 10);
    for (const file of ['index.html', 'vite.config.ts']) {
      const changed = write(file, 20);
      expect(webBuildState(paths)).toEqual({ status: 'outdated', changed });
      write(file, 0);
    }
  });

  it('ignores files that are not sources, and sources that do not exist', () => {
    write('dist/index.html', 10);
    write('dist/assets/index-1a2b3c.js', 30);
    write('README.md', 30);
    rmSync(path.join(web, 'vite.config.ts'));
    expect(webBuildState({ ...paths, sources: [...paths.sources, path.join(web, 'public')] })).toEqual({
      status: 'fresh',
    });
  });
});

describe('WEB_BUILD_PATHS', () => {
  it('is the @docent/web workspace of this checkout', () => {
    const workspace = path.dirname(path.dirname(WEB_BUILD_PATHS.output));
    expect(JSON.parse(readFileSync(path.join(workspace, 'package.json'), 'utf8')).name).toBe('@docent/web');
    expect(path.relative(workspace, WEB_BUILD_PATHS.output)).toBe(path.join('dist', 'index.html'));
    expect(WEB_BUILD_PATHS.sources.map((source) => path.relative(workspace, source))).toEqual([
      'src',
      'index.html',
      'vite.config.ts',
    ]);
  });
});
