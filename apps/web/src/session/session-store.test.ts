import { describe, expect, it } from 'vitest';
import { session } from '../../test-support/fixtures.ts';
import { loadSession, SESSION_KEY, saveSession } from './session-store.ts';

/** A Storage backed by a Map, as small as the store needs. */
const memoryStorage = (): Storage => {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
};

describe('session store', () => {
  it('round-trips a session under docent.session', () => {
    const storage = memoryStorage();
    saveSession(storage, session());
    expect(JSON.parse(storage.getItem(SESSION_KEY) ?? '')).toEqual(session());
    expect(loadSession(storage)).toEqual(session());
    saveSession(storage, null);
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });

  it('ignores expired, malformed and unparsable sessions', () => {
    const storage = memoryStorage();
    saveSession(storage, session({ expiresAt: '2026-01-01T00:00:00.000Z' }));
    expect(loadSession(storage, Date.parse('2026-01-01T00:00:00.001Z'))).toBeNull();
    expect(loadSession(storage, Date.parse('2025-12-31T23:59:59.000Z'))).not.toBeNull();
    storage.setItem(SESSION_KEY, JSON.stringify({ token: 't', user: {} }));
    expect(loadSession(storage)).toBeNull();
    storage.setItem(SESSION_KEY, '{not json');
    expect(loadSession(storage)).toBeNull();
  });
});
