import type { Clock } from '@docent/domain';

/** A clock that only moves when a test says so. */
export class ManualClock implements Clock {
  private current: number;

  /** Starts at `start` (default 2024-01-01T00:00:00Z). */
  constructor(start: Date | string = '2024-01-01T00:00:00.000Z') {
    this.current = new Date(start).getTime();
  }

  /** The current manual time (a fresh Date each call, so callers cannot move the clock by mutation). */
  now(): Date {
    return new Date(this.current);
  }

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.current += ms;
  }

  /** Jumps to an absolute time. */
  set(time: Date | string | number): void {
    this.current = new Date(time).getTime();
  }
}
