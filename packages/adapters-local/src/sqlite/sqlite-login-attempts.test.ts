import { afterEach, describe, expect, it } from 'vitest';
import { openTemporaryStore, type TemporaryStore } from '../../test-support/temporary-store.ts';

const T0 = Date.UTC(2024, 0, 1);
const HOUR = 60 * 60 * 1000;

describe('SqliteLoginAttempts', () => {
  let temporary: TemporaryStore | undefined;
  afterEach(() => temporary?.cleanup());

  it('keeps its counters across a restart of the store', async () => {
    temporary = openTemporaryStore();
    await temporary.store.LoginAttempts.recordFailure('account:a', T0, T0 + HOUR);
    await temporary.store.LoginAttempts.recordFailure('account:a', T0 + 5, T0 + HOUR);
    temporary.store.close();
    const reopened = temporary.reopen();
    expect(await reopened.LoginAttempts.get('account:a', T0 + 10)).toEqual({ failures: 2, lastFailureMs: T0 + 5 });
  });
});
