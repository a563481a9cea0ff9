import type { DocumentView } from '@docent/http-api';
import { MultiBar, type SingleBar } from 'cli-progress';
import type { Terminal } from './terminal.ts';

/** Where processing progress goes while files are ingested or reindexed. */
export interface ProgressView {
  /** A file entered processing (or was settled at once: unchanged, rejected). */
  add(label: string, document: DocumentView | null, settled?: string): void;
  /** A document's progress changed. */
  update(label: string, document: DocumentView): void;
  /** Processing is over; bars are removed. */
  stop(): void;
}

const isSettled = (document: DocumentView) => document.status === 'ready' || document.status === 'failed';

/** The stage a document is in, as one word: `queued`, `embedding`, ..., `ready`, `failed`. */
export const stageOf = (document: DocumentView): string =>
  isSettled(document) ? document.status : document.progress.stage;

/** On a terminal: one bar per file (stage, units of that stage) under an overall bar of files. */
export class BarsView implements ProgressView {
  readonly #bars = new MultiBar({
    format: ' {bar} {percentage}% | {label} | {stage} {value}/{total}',
    hideCursor: true,
    clearOnComplete: true,
    stopOnComplete: false,
    barsize: 24,
  });
  readonly #overall: SingleBar;
  readonly #files = new Map<string, SingleBar>();
  #done = 0;

  constructor(total: number) {
    this.#overall = this.#bars.create(total, 0, { label: 'all files', stage: 'done' });
  }

  add(label: string, document: DocumentView | null, settled?: string): void {
    if (settled !== undefined || document === null) {
      this.#overall.update(++this.#done);
      return;
    }
    this.#files.set(label, this.#bars.create(1, 0, { label, stage: stageOf(document) }));
    this.update(label, document);
  }

  update(label: string, document: DocumentView): void {
    const bar = this.#files.get(label);
    if (bar === undefined) return;
    const settled = isSettled(document);
    const total = Math.max(1, document.progress.total);
    bar.setTotal(total);
    bar.update(settled ? total : Math.min(document.progress.done, total), { stage: stageOf(document) });
    if (settled) {
      this.#bars.remove(bar);
      this.#files.delete(label);
      this.#overall.update(++this.#done);
    }
  }

  stop(): void {
    this.#bars.stop();
  }
}

/** Without a terminal: one plain line on stderr each time a file changes stage. */
export class LinesView implements ProgressView {
  readonly #stages = new Map<string, string>();
  readonly #write: (line: string) => void;

  constructor(write: (line: string) => void) {
    this.#write = write;
  }

  add(label: string, document: DocumentView | null, settled?: string): void {
    if (settled !== undefined) this.#write(`${label}: ${settled}`);
    else if (document !== null) this.update(label, document);
  }

  update(label: string, document: DocumentView): void {
    const stage = stageOf(document);
    if (this.#stages.get(label) === stage) return;
    this.#stages.set(label, stage);
    this.#write(`${label}: ${stage}`);
  }

  stop(): void {}
}

/** Nothing (`--json`: stdout carries only the result). */
export class SilentView implements ProgressView {
  add(): void {}
  update(): void {}
  stop(): void {}
}

/** Bars on a terminal, lines on stderr otherwise, nothing with `--json`. */
export const progressViewFor = (terminal: Terminal, total: number): ProgressView => {
  if (terminal.json) return new SilentView();
  return terminal.interactive ? new BarsView(total) : new LinesView((line) => terminal.note(line));
};
