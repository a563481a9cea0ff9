export { ConfigError, type LocalConfig, loadConfig } from './config.ts';
export { composeLocal, LOCAL_JOB_LEASE_MS, type LocalComposition } from './container.ts';
export { evalCommand } from './eval-entry.ts';
export { serveUntilSignal } from './serve-until-signal.ts';
export { type LocalServer, startLocalServer } from './server.ts';
export { UsageError } from './usage-error.ts';
export { VERSION } from './version.ts';
