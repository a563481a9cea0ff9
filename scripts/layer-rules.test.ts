import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '..');
const BIOME = path.join(REPO, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');

/** A file placed at `file` in a copy of the layout, importing `from`; `fires` says whether biome must refuse it. */
interface Probe {
  file: string;
  from: string;
  fires: boolean;
}

const PROBES: Probe[] = [
  { file: 'packages/domain/src/probe.ts', from: '@docent/retry', fires: true },
  { file: 'packages/domain/src/probe.ts', from: 'node:fs', fires: true },
  { file: 'packages/retry/src/probe.ts', from: '@docent/domain', fires: true },
  { file: 'packages/adapters-local/src/probe.ts', from: '@docent/http-api', fires: true },
  { file: 'packages/adapters-aws/src/s3/probe.ts', from: '@docent/adapters-local', fires: true },
  { file: 'packages/extractors/src/probe.ts', from: '@docent/local-server', fires: true },
  { file: 'packages/http-api/src/probe.ts', from: '@docent/composition', fires: true },
  { file: 'packages/composition/src/probe.ts', from: '@docent/adapters-inmemory', fires: true },
  { file: 'packages/http-api/src/probe.ts', from: '../test-support/api-client.ts', fires: true },
  { file: 'packages/adapters-local/src/store/probe.ts', from: '@docent/testing', fires: true },
  { file: 'packages/extractors/src/probe.ts', from: '../../domain/src/index.ts', fires: true },
  { file: 'apps/local-server/src/probe.ts', from: '../../../apps/web/src/main.tsx', fires: true },
  { file: 'apps/local-server/src/probe.ts', from: '@docent/lambda', fires: true },
  { file: 'apps/lambda/src/probe.ts', from: '../test-support/test-container.ts', fires: true },
  {
    file: 'infra/lib/data/probe.ts',
    from: '../../../packages/adapters-aws/src/dynamodb/dynamo-schema.ts',
    fires: true,
  },
  // What each layer may import stays allowed.
  { file: 'packages/adapters-local/src/probe.ts', from: '@docent/domain', fires: false },
  { file: 'packages/adapters-aws/src/probe.ts', from: '@docent/retry', fires: false },
  { file: 'apps/local-server/src/probe.ts', from: '@docent/adapters-aws/bedrock', fires: false },
  { file: 'infra/lib/data/probe.ts', from: '@docent/adapters-aws/dynamodb-schema', fires: false },
  { file: 'apps/cli/src/probe.ts', from: '@docent/local-server', fires: false },
  { file: 'apps/cli/src/probe.ts', from: '@docent/web', fires: true },
  { file: 'packages/http-api/src/routes/probe.test.ts', from: '../../test-support/api-client.ts', fires: false },
];

// Each case gets its own file name (probe.ts -> probe-3.ts) in the one layout the path rules match.
const caseFile = (probe: Pick<Probe, 'file'>, index: number): string => probe.file.replace(/probe/, `probe-${index}`);

let work: string;
let flagged: Set<string>;

// Lints copies of the probes under this repository's biome.json in a temporary folder, once for all.
beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'docent-layers-'));
  const config = JSON.parse(readFileSync(path.join(REPO, 'biome.json'), 'utf8'));
  delete config.$schema;
  writeFileSync(path.join(work, 'biome.json'), JSON.stringify(config));
  PROBES.forEach((probe, index) => {
    const file = path.join(work, caseFile(probe, index));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `import * as probe from '${probe.from}';\n\nexport const used = probe;\n`);
  });
  const { stdout } = await promisify(execFile)(process.execPath, [BIOME, 'lint', '--reporter=json', '.'], {
    cwd: work,
  }).catch((failure: { stdout: string }) => failure);
  const report = JSON.parse(stdout) as { diagnostics: { category: string; location: { path: string } }[] };
  flagged = new Set(
    report.diagnostics
      .filter((diagnostic) => diagnostic.category === 'lint/style/noRestrictedImports')
      .map((diagnostic) => diagnostic.location.path.split(path.sep).join('/')),
  );
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('layer rules in biome.json', () => {
  it.each(PROBES.map((probe, index) => ({ ...probe, index })))(
    '$file importing $from: refused $fires',
    ({ file, index, fires }) => {
      expect(flagged.has(caseFile({ file }, index))).toBe(fires);
    },
  );
});
