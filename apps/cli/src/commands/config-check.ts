import { ConfigError, loadConfig } from '@docent/local-server';
import { EXIT } from '../client/cli-error.ts';
import { cliEnv, type GlobalOptions } from '../client/global-options.ts';
import type { Terminal } from '../output/terminal.ts';

/** Setting names whose values are secrets: shown as `[redacted]`. */
const SECRET = /(secret|token|password|api_?key|credentials?)$/i;

/** The configuration with every secret value replaced. */
export const redact = (value: unknown, key = ''): unknown => {
  if (SECRET.test(key) && value !== undefined && value !== null) return '[redacted]';
  if (Array.isArray(value)) return value.map((item) => redact(item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, redact(inner, name)]));
  }
  return value;
};

/**
 * `docent config check`: the resolved configuration (defaults applied, paths absolute, secrets
 * redacted), or every problem on stderr and exit 4.
 */
export const configCheck = (terminal: Terminal, options: GlobalOptions): number => {
  try {
    const config = redact(loadConfig(cliEnv(options), process.cwd()));
    if (terminal.json) terminal.printJson({ ok: true, config });
    else {
      terminal.out(JSON.stringify(config, null, 2));
      terminal.note('Configuration OK.');
    }
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    if (terminal.json) terminal.printJson({ ok: false, problems: error.problems });
    terminal.note('Invalid configuration:');
    for (const problem of error.problems) terminal.note(`  - ${problem}`);
    return EXIT.config;
  }
};
