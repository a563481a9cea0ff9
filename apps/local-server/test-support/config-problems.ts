import { ConfigError, loadConfig } from '../src/config.ts';

/**
 * The problems `loadConfig` names for `env` (one line each, `SETTING: why`), or none when it accepts
 * it. Anything thrown other than a `ConfigError` is rethrown: a config test must not pass on a crash.
 */
export const configProblems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env, '/srv');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};
