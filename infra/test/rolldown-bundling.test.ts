import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BundlingOptions } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { LAMBDA_APP_DIR } from '../lib/compute/lambda-code.ts';
import { BUNDLE_FILE, RolldownBundling } from '../lib/compute/rolldown-bundling.ts';

const work = mkdtempSync(path.join(tmpdir(), 'docent-bundle-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const write = (name: string, source: string): string => {
  const file = path.join(work, name);
  writeFileSync(file, source);
  return file;
};
const bundle = (entry: string, name: string): string => {
  const outDir = path.join(work, name);
  expect(new RolldownBundling(entry).tryBundle(outDir, {} as BundlingOptions)).toBe(true);
  return path.join(outDir, BUNDLE_FILE);
};

describe('RolldownBundling', () => {
  it('bundles a TypeScript entry and its CommonJS dependencies into one runnable ES module', async () => {
    write('greeting.ts', "export const greet = (name: string): string => 'hello ' + name;\n");
    write('legacy.cjs', "const os = require('node:os');\nmodule.exports = { eol: () => JSON.stringify(os.EOL) };\n");
    const entry = write(
      'handler.ts',
      [
        "import { greet } from './greeting.ts';",
        "import legacy from './legacy.cjs';",
        'interface Event { name: string }',
        'export const handler = async (event: Event) => ({ message: greet(event.name), eol: legacy.eol() });',
      ].join('\n'),
    );
    const file = bundle(entry, 'out');
    const source = readFileSync(file, 'utf8');
    expect(source).not.toContain('greeting.ts');
    expect(existsSync(`${file}.map`)).toBe(true);
    // The CommonJS `require` of a built-in works only thanks to the createRequire banner.
    const module = await import(pathToFileURL(file).href);
    expect(await module.handler({ name: 'docent' })).toEqual({ message: 'hello docent', eol: JSON.stringify('\n') });
  });

  it('reports a missing entry by name', () => {
    const missing = path.join(work, 'nope.ts');
    expect(() => new RolldownBundling(missing).tryBundle(path.join(work, 'x'), {} as BundlingOptions)).toThrow(
      `Lambda entry ${missing} does not exist.`,
    );
  });

  it("fails with the bundler's own error line for code it cannot resolve", () => {
    const entry = write('broken.ts', "import { gone } from './missing-module.ts';\nexport const handler = gone;\n");
    expect(() => bundle(entry, 'broken')).toThrow(/Bundling .*broken\.ts failed: \[UNRESOLVED_IMPORT\]/);
  });

  it('bundles the real API handler of apps/lambda into a module Node loads on its own', () => {
    const file = bundle(path.join(LAMBDA_APP_DIR, 'src', 'api-handler.ts'), 'api');
    // A plain Node process, as on Lambda: nothing from node_modules is there to fall back on.
    const probe = `const m = await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(typeof m.handler);`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: work, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('function');
  });
});
