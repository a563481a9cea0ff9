import { describe, expect, it } from 'vitest';
import { AdmissionGate } from './admission-gate.ts';

describe('AdmissionGate', () => {
  it('runs up to the limit, queues the next in order, refuses beyond the line', async () => {
    const gate = new AdmissionGate({ concurrent: 2, queued: 1 });
    const first = await gate.enter();
    const second = await gate.enter();
    const order: string[] = [];
    const third = gate.enter()?.then((release) => {
      order.push('third');
      return release;
    });
    expect(third).toBeDefined();
    expect(gate.enter()).toBeNull();
    expect(gate.load).toEqual({ running: 2, waiting: 1 });

    first?.();
    const releaseThird = await third;
    expect(order).toEqual(['third']);
    expect(gate.load).toEqual({ running: 2, waiting: 0 });
    second?.();
    second?.();
    expect(gate.load).toEqual({ running: 1, waiting: 0 });
    releaseThird?.();
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('hands a freed turn to the one waiting, not to a newcomer', async () => {
    const gate = new AdmissionGate({ concurrent: 1, queued: 5 });
    const release = await gate.enter();
    const waiting = gate.enter();
    release?.();
    expect(gate.load).toEqual({ running: 1, waiting: 0 });
    const newcomer = gate.enter();
    expect(gate.load).toEqual({ running: 1, waiting: 1 });
    (await waiting)?.();
    (await newcomer)?.();
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });
});
