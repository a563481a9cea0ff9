export { ConfigError, type LocalConfig, loadConfig } from './config.ts';
export { composeLocal, LOCAL_JOB_LEASE_MS, type LocalComposition } from './container.ts';
export { EVAL_USAGE, evalCommand, UsageError } from './eval/index.ts';
export { serveUntilSignal } from './serve-until-signal.ts';
export { type LocalServer, startLocalServer } from './server.ts';
export { VERSION } from './version.ts';
