import { styleText } from 'node:util';

type Style = Parameters<typeof styleText>[0];

/**
 * How a command writes: results on stdout, messages and progress on stderr. Bars and colours only
 * when stdout is a terminal (and, for colours, `NO_COLOR` unset: `styleText` checks both).
 */
export class Terminal {
  /** Machine-readable output was asked for: one JSON document on stdout, no bars. */
  readonly json: boolean;
  /** Live progress bars: an interactive stdout and stderr, and no `--json`. */
  readonly interactive: boolean;

  constructor(options: { json?: boolean | undefined }) {
    this.json = options.json === true;
    this.interactive = !this.json && process.stdout.isTTY === true && process.stderr.isTTY === true;
  }

  /** A line of the result. */
  out(line = ''): void {
    process.stdout.write(`${line}\n`);
  }

  /** A line of progress or a notice, never part of the result. */
  note(line: string): void {
    process.stderr.write(`${line}\n`);
  }

  /** The result as JSON (only with `--json`). */
  printJson(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Styled for stdout: plain when stdout is not a terminal or `NO_COLOR` is set. */
  style(format: Style, text: string): string {
    return styleText(format, text, { stream: process.stdout });
  }
}

/** Rows under a header, columns padded to their widest cell. */
export const formatTable = (header: readonly string[], rows: readonly (readonly string[])[]): string => {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
};
