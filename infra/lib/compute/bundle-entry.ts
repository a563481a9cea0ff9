import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'rolldown';
import { BUNDLE_FILE } from './rolldown-bundling.ts';

// Bundled CommonJS dependencies still call `require` for Node built-ins; an ES module has none of its own.
const REQUIRE_SHIM =
  "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);";

// Workspaces are bundled from src/: Node resolves `@docent/*` for this process, which runs with the
// "docent-source" condition (RolldownBundling starts it so; docs/adr/0017-publishable-packages.md).
const workspaceSources: Plugin = {
  name: 'docent-workspace-sources',
  resolveId: (source) => (source.startsWith('@docent/') ? fileURLToPath(import.meta.resolve(source)) : null),
};

// OCR's native canvas, tesseract.js (worker script and WASM read from its package folder) and the
// language data cannot live in one file; the extractors import them only when OCR is on, which the
// Lambda never turns on, so the bundle leaves them out (docs/adr/0024-offline-ocr.md).
const OCR_PACKAGES = [/^@napi-rs\/canvas/, /^tesseract\.js/, /^@tesseract\.js-data\//];

/**
 * Bundles `entry` (TypeScript, with its workspace and npm dependencies) into one minified ES module
 * `outDir/index.mjs` with a source map, for the Lambda Node.js runtime.
 */
export const bundleEntry = async (entry: string, outDir: string): Promise<void> => {
  await build({
    input: entry,
    platform: 'node',
    logLevel: 'warn',
    plugins: [workspaceSources],
    external: OCR_PACKAGES,
    output: {
      file: path.join(outDir, BUNDLE_FILE),
      format: 'esm',
      codeSplitting: false,
      minify: true,
      sourcemap: true,
      banner: REQUIRE_SHIM,
    },
  });
};

// Run as a script by RolldownBundling: `node --conditions=docent-source bundle-entry.ts <entry> <outDir>`.
if (import.meta.filename === path.resolve(process.argv[1] ?? '')) {
  const [entry, outDir] = process.argv.slice(2);
  if (entry === undefined || outDir === undefined) {
    console.error('usage: node bundle-entry.ts <entry.ts> <outDir>');
    process.exit(2);
  }
  await bundleEntry(entry, outDir);
}
