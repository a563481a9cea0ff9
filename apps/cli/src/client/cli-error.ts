/** Exit codes of `docent`, documented in docs/cli.md. */
export const EXIT = {
  ok: 0,
  /** The operation failed (a Docent error, a file that did not ingest). */
  failed: 1,
  /** A bad command line, or a command the chosen mode cannot run. */
  usage: 2,
  /** The data directory is held by another process (a running `docent serve`). */
  locked: 3,
  /** The configuration (DOCENT_* settings) is invalid. */
  config: 4,
} as const;

/** A failure the CLI explains in one message and ends with a chosen exit code. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT.failed) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** A command that needs the embedded store, run with `--url`. */
export const embeddedOnly = (command: string): CliError =>
  new CliError(
    `\`docent ${command}\` works on the embedded store only: run it without --url on the machine that holds the data directory.`,
    EXIT.usage,
  );
