import { openPageReader, type PageReader } from '../src/prewarm/page-reader.ts';

/** A real `PageReader` that counts what it reads and can hold reads until released, for pre-read tests. */
export interface HeldPageReaders {
  /** Pass as `PrewarmOptions.openReader`. */
  open: (file: string, maxReadBytes: number) => Promise<PageReader>;
  /** Reads started and bytes returned, over every reader opened. */
  reads: number;
  bytes: number;
  /** Readers opened and closed. */
  opened: number;
  closed: number;
  /** From now, reads wait (after starting) until `release`. */
  hold(): void;
  release(): void;
  /** Resolves once a read is waiting on the hold. */
  waiting(): Promise<void>;
}

export const heldPageReaders = (): HeldPageReaders => {
  let gate: Promise<void> | undefined;
  let open: (() => void) | undefined;
  let waiters: Array<() => void> = [];
  let holding = 0;
  const held: HeldPageReaders = {
    reads: 0,
    bytes: 0,
    opened: 0,
    closed: 0,
    async open(file, maxReadBytes) {
      const reader = await openPageReader(file, maxReadBytes);
      held.opened++;
      return {
        async read(position, length) {
          held.reads++;
          if (gate !== undefined) {
            holding++;
            for (const wake of waiters) wake();
            waiters = [];
            await gate;
            holding--;
          }
          const bytes = await reader.read(position, length);
          held.bytes += bytes.byteLength;
          return bytes;
        },
        size: () => reader.size(),
        async close() {
          held.closed++;
          await reader.close();
        },
      };
    },
    hold() {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    release() {
      gate = undefined;
      open?.();
    },
    waiting: () => new Promise((resolve) => (holding > 0 ? resolve() : waiters.push(resolve))),
  };
  return held;
};
