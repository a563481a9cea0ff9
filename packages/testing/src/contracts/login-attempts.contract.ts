import type { LoginAttempts } from '@docent/domain';
import { describe, expect, it } from 'vitest';
import { uniqueId } from '../builders/unique-id.ts';
import { type Fixture, useFixture } from '../support/use-fixture.ts';

/** What a LoginAttempts adapter's test gives the contract: an empty store. */
export interface LoginAttemptsFixture extends Fixture {
  attempts: LoginAttempts;
}

const T0 = Date.UTC(2024, 0, 1);
const HOUR = 60 * 60 * 1000;

/** Registers the tests every LoginAttempts adapter must pass; times are passed in, so none sleeps. */
export const describeLoginAttemptsContract = (
  adapterName: string,
  setup: () => Promise<LoginAttemptsFixture>,
): void => {
  describe(`LoginAttempts contract: ${adapterName}`, () => {
    const fixture = useFixture(setup);
    const key = () => uniqueId('account:');

    it('knows nothing of a key that never failed', async () => {
      expect(await fixture().attempts.get(key(), T0)).toBeNull();
    });

    it('counts failures, returning the record as it was before each', async () => {
      const { attempts } = fixture();
      const k = key();
      expect(await attempts.recordFailure(k, T0, T0 + HOUR)).toBeNull();
      expect(await attempts.recordFailure(k, T0 + 10, T0 + 10 + HOUR)).toEqual({ failures: 1, lastFailureMs: T0 });
      expect(await attempts.recordFailure(k, T0 + 20, T0 + 20 + HOUR)).toEqual({ failures: 2, lastFailureMs: T0 + 10 });
      expect(await attempts.get(k, T0 + 30)).toEqual({ failures: 3, lastFailureMs: T0 + 20 });
    });

    it('keeps keys apart', async () => {
      const { attempts } = fixture();
      const [a, b] = [key(), key()];
      await attempts.recordFailure(a, T0, T0 + HOUR);
      await attempts.recordFailure(a, T0, T0 + HOUR);
      await attempts.recordFailure(b, T0, T0 + HOUR);
      expect((await attempts.get(a, T0))?.failures).toBe(2);
      expect((await attempts.get(b, T0))?.failures).toBe(1);
    });

    it('forgets an expired record, and a failure after expiry starts over at one', async () => {
      const { attempts } = fixture();
      const k = key();
      await attempts.recordFailure(k, T0, T0 + HOUR);
      await attempts.recordFailure(k, T0 + 1, T0 + HOUR);
      expect(await attempts.get(k, T0 + HOUR - 1)).toEqual({ failures: 2, lastFailureMs: T0 + 1 });
      expect(await attempts.get(k, T0 + HOUR)).toBeNull();
      expect(await attempts.recordFailure(k, T0 + HOUR, T0 + 2 * HOUR)).toBeNull();
      expect(await attempts.get(k, T0 + HOUR)).toEqual({ failures: 1, lastFailureMs: T0 + HOUR });
    });

    it('pushes the expiry forward with each failure', async () => {
      const { attempts } = fixture();
      const k = key();
      await attempts.recordFailure(k, T0, T0 + HOUR);
      await attempts.recordFailure(k, T0 + HOUR - 1, T0 + 2 * HOUR);
      expect(await attempts.get(k, T0 + HOUR + 1)).toEqual({ failures: 2, lastFailureMs: T0 + HOUR - 1 });
    });

    it('clears a key, and clearing an unknown key is fine', async () => {
      const { attempts } = fixture();
      const k = key();
      await attempts.recordFailure(k, T0, T0 + HOUR);
      await attempts.clear(k);
      expect(await attempts.get(k, T0)).toBeNull();
      expect(await attempts.recordFailure(k, T0, T0 + HOUR)).toBeNull();
      await expect(attempts.clear(key())).resolves.toBeUndefined();
    });

    it('counts every one of concurrent failures exactly once', async () => {
      const { attempts } = fixture();
      const k = key();
      const before = await Promise.all(Array.from({ length: 12 }, () => attempts.recordFailure(k, T0, T0 + HOUR)));
      expect((await attempts.get(k, T0))?.failures).toBe(12);
      const counts = before.map((record) => record?.failures ?? 0).sort((x, y) => x - y);
      expect(counts).toEqual(Array.from({ length: 12 }, (_, i) => i));
    });
  });
};
