import { ManualClock } from '@docent/testing';
import { describe, expect, it } from 'vitest';
import { ExpiringStore } from './expiring-store.ts';

const storeWith = (maxEntries = 10) => {
  const clock = new ManualClock();
  return { clock, store: new ExpiringStore<string>({ clock, ttlMs: 1000, maxEntries }) };
};

describe('ExpiringStore', () => {
  it('gives each value once', () => {
    const { store } = storeWith();
    store.put('a', 'one');
    expect(store.take('a')).toBe('one');
    expect(store.take('a')).toBeUndefined();
    expect(store.take('never')).toBeUndefined();
  });

  it('gives nothing once the ttl has passed', () => {
    const { clock, store } = storeWith();
    store.put('a', 'one');
    store.put('b', 'two');
    clock.advance(999);
    expect(store.take('a')).toBe('one');
    clock.advance(1);
    expect(store.take('b')).toBeUndefined();
  });

  it('forgets expired entries as new ones arrive, and drops the oldest past the cap', () => {
    const { clock, store } = storeWith(3);
    store.put('a', '1');
    store.put('b', '2');
    clock.advance(1000);
    store.put('c', '3');
    expect(store.size).toBe(1);
    store.put('d', '4');
    store.put('e', '5');
    store.put('f', '6');
    expect(store.size).toBe(3);
    expect(store.take('c')).toBeUndefined();
    expect(store.take('f')).toBe('6');
  });

  it('replaces the value of a key put again, with a fresh ttl', () => {
    const { clock, store } = storeWith();
    store.put('a', 'old');
    clock.advance(600);
    store.put('a', 'new');
    clock.advance(600);
    expect(store.take('a')).toBe('new');
  });
});
