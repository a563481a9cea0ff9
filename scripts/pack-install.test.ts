import { describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../apps/local-server/test/support/web-build.ts';
import { listWorkspaces } from './build-packages.ts';
import { packInstall } from './pack-install.ts';

// Builds, packs every public workspace, installs the tarballs into a fresh app outside the repository and runs
// the examples there with plain Node (scripts/pack-install.ts). About 2 CPU-minutes; most of it is npm install.
describe('the packed packages, installed into a fresh app', () => {
  it('run the examples end to end without TypeScript', { timeout: 900_000 }, async () => {
    const publicCount = listWorkspaces(`${import.meta.dirname}/..`).filter((workspace) => !workspace.private).length;

    // Under the lock the browser tests take, so that only one process ever runs the web build.
    await ensureWebBuild();
    const result = await packInstall();

    expect(result.tarballs).toHaveLength(publicCount);
    const [library, server] = result.stdouts;
    // `import { createDocent } from 'docent'`: ingested with progress, answered with the gold quote cited.
    expect(library).toMatch(/^Ingested zstd-README\.md: \d+ chunks$/m);
    expect(library).toMatch(
      /^ {2}\[\d+\] zstd-README\.md: "Dictionary gains are mostly effective in the first few KB\."$/m,
    );
    expect(server).toContain('web app served: true');
    expect(server).toMatch(/answer: .*1\.7 litres/);
  });
});
