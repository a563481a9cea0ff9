import { loadConfig } from '../../src/config.ts';
import { serveUntilSignal } from '../../src/serve-until-signal.ts';

// Test-only: the server as `docent serve` runs it (the CLI lives in apps/cli, which this package
// does not depend on), so these end-to-end tests start a real process without the CLI.
await serveUntilSignal(loadConfig(process.env, process.cwd()));
