export { ConfigError, type LocalConfig, type LocalSettingName, loadConfig } from './config.ts';
export { composeLocal, LOCAL_JOB_LEASE_MS, type LocalComposition, type LocalOverrides } from './container.ts';
export { evalCommand } from './eval-entry.ts';
export { JobWorker, type JobWorkerOptions } from './job-worker.ts';
export { LOCAL_USER_EMAIL, principalOf, userAdministration, userFor } from './local-user.ts';
export { serveUntilSignal } from './serve-until-signal.ts';
export { type LocalServer, startLocalServer } from './server.ts';
export { UsageError } from './usage-error.ts';
export { VERSION } from './version.ts';
