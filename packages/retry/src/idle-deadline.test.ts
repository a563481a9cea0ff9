import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleDeadline } from './idle-deadline.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('IdleDeadline', () => {
  it('aborts with a TimeoutError once ms pass without a restart', () => {
    const deadline = new IdleDeadline(100);
    vi.advanceTimersByTime(99);
    expect(deadline.expired).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.expired).toBe(true);
    expect((deadline.signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('counts from the last restart, and never fires once cleared', () => {
    const deadline = new IdleDeadline(100);
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(80);
      deadline.restart();
    }
    expect(deadline.expired).toBe(false);
    deadline.clear();
    vi.advanceTimersByTime(1_000);
    expect(deadline.expired).toBe(false);
  });

  it('stays cleared: a restart after clear starts no new countdown', () => {
    const deadline = new IdleDeadline(10);
    deadline.clear();
    deadline.restart();
    vi.advanceTimersByTime(1_000);
    expect(deadline.expired).toBe(false);
  });
});
