import { readFileSync } from 'node:fs';

// Read at run time rather than imported: the manifest sits one folder above both src/ and the built dist/,
// outside what tsc compiles. Every workspace carries the one release version.
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** The version reported by `/health` and the OpenAPI document: this package's. */
export const VERSION: string = manifest.version;
