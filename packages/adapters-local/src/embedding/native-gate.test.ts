import { describe, expect, it } from 'vitest';
import { closeNativeGate, createNativeGate, GateClosedError, throughGate } from './native-gate.ts';

describe('native gate', () => {
  it('runs calls while open and refuses them, uncalled, once closed', () => {
    const gate = createNativeGate();
    const calls: number[] = [];
    expect(throughGate(gate, () => calls.push(1))).toBe(1);
    expect(closeNativeGate(gate)).toBe(true);
    expect(() => throughGate(gate, () => calls.push(2))).toThrow(GateClosedError);
    expect(calls).toEqual([1]);
  });

  it('counts a call as inside until it returns or throws', () => {
    const gate = createNativeGate();
    expect(() =>
      throughGate(gate, () => {
        throw new Error('native failure');
      }),
    ).toThrow('native failure');
    // Nothing inside any more: closing does not wait.
    expect(closeNativeGate(gate, 0)).toBe(true);
  });

  it('reports a call still inside when closing times out', () => {
    const gate = createNativeGate();
    // Closing from inside a call: the call cannot return while the closer waits.
    expect(throughGate(gate, () => closeNativeGate(gate, 20))).toBe(false);
  });
});
