export { ConfigError, type LocalConfig, loadConfig } from './config.ts';
export { type ComposeLocalOptions, composeLocal, type LocalComposition } from './container.ts';
export { type LocalServer, startLocalServer } from './server.ts';
