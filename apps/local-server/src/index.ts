export { ConfigError, type LocalConfig, loadConfig } from './config.ts';
export { composeLocal, type LocalComposition } from './container.ts';
export { type LocalServer, startLocalServer } from './server.ts';
