/** The options every command takes (see `docent --help`). */
export interface GlobalOptions {
  /** A running Docent to talk to over HTTP instead of the embedded store. */
  url?: string;
  /** The embedded store's folder (overrides DOCENT_DATA_DIR). */
  dataDir?: string;
  /** Act as this account on the embedded store (created on first use). */
  user?: string;
  /** Machine-readable output on stdout. */
  json?: boolean;
}

/** Settings only the CLI reads; the server's config would reject them as unknown DOCENT_* names. */
const CLI_ONLY = new Set(['DOCENT_URL', 'DOCENT_TOKEN']);

/** The environment the server's `loadConfig` sees: without the CLI's own names, with `--data-dir` applied. */
export const cliEnv = (options: Pick<GlobalOptions, 'dataDir'>): Record<string, string | undefined> => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !CLI_ONLY.has(key)));
  return options.dataDir === undefined ? env : { ...env, DOCENT_DATA_DIR: options.dataDir };
};
