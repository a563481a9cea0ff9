import { describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../apps/local-server/test/support/web-build.ts';
import { listWorkspaces } from './build-packages.ts';
import { PACK_EXAMPLE, packInstall } from './pack-install.ts';

// Builds, packs every public workspace, installs the tarballs into a fresh app outside the repository and runs
// the example there with plain Node (scripts/pack-install.ts). About 2 CPU-minutes; most of it is npm install.
describe('the packed packages, installed into a fresh app', () => {
  it('run the example end to end without TypeScript', { timeout: 900_000 }, async () => {
    const publicCount = listWorkspaces(`${import.meta.dirname}/..`).filter((workspace) => !workspace.private).length;

    // Under the lock the browser tests take, so that only one process ever runs the web build.
    await ensureWebBuild();
    const result = await packInstall(PACK_EXAMPLE);

    expect(result.tarballs).toHaveLength(publicCount);
    expect(result.stdout).toContain('web app served: true');
    expect(result.stdout).toMatch(/answer: .*1\.7 litres/);
  });
});
