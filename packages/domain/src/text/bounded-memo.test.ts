import { describe, expect, it } from 'vitest';
import { BoundedMemo } from './bounded-memo.ts';

describe('BoundedMemo', () => {
  it('computes a key once while it is held, and holds at most maxEntries, least recently used out first', () => {
    const computed: string[] = [];
    const memo = new BoundedMemo(2, (key: string) => {
      computed.push(key);
      return key.toUpperCase();
    });
    expect(['a', 'b', 'a', 'c', 'a', 'b'].map((key) => memo.get(key))).toEqual(['A', 'B', 'A', 'C', 'A', 'B']);
    expect(computed).toEqual(['a', 'b', 'c', 'b']);
    expect(memo.size).toBe(2);
  });

  it('holds nothing with maxEntries 0', () => {
    let calls = 0;
    const memo = new BoundedMemo(0, (key: number) => {
      calls++;
      return key * 2;
    });
    expect([memo.get(1), memo.get(1)]).toEqual([2, 2]);
    expect(calls).toBe(2);
    expect(memo.size).toBe(0);
  });
});
