import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests run every workspace from src/ through its "docent-source" export condition, never a built dist/
// (docs/adr/0017-publishable-packages.md): vite resolves it for the test files (vitest also hands these
// conditions to its test processes, whose worker threads inherit them), and the servers and CLIs tests start
// get it from NODE_OPTIONS.
const SOURCE = 'docent-source';
const SOURCE_FLAG = `--conditions=${SOURCE}`;
if (!process.env.NODE_OPTIONS?.includes(SOURCE_FLAG)) {
  process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, SOURCE_FLAG].filter(Boolean).join(' ');
}

export default defineConfig({
  // Vitest's own default is vite's server conditions without `module` (packages' bundler-only ESM builds).
  ssr: { resolve: { conditions: [SOURCE, ...defaultServerConditions.filter((condition) => condition !== 'module')] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test-support/**/*.test.ts',
      'apps/*/src/**/*.test.ts',
      'apps/*/test-support/**/*.test.ts',
      'apps/*/test/**/*.test.ts',
      'apps/web/src/**/*.test.tsx',
      'scripts/**/*.test.ts',
      'infra/test/**/*.test.ts',
    ],
    pool: 'forks',
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
