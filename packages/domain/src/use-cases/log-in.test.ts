import { InMemoryIdentityProvider, InMemoryLoginAttempts } from '@docent/adapters-inmemory';
import { ManualClock } from '@docent/testing';
import { describe, expect, it } from 'vitest';
import type { SignInThrottleOptions } from '../auth/sign-in-throttle.ts';
import { isDocentError } from '../errors.ts';
import { LogIn } from './log-in.ts';

const PASSWORD = 'Passw0rdX';

const setUp = async (options: SignInThrottleOptions = {}) => {
  const clock = new ManualClock();
  const identity = new InMemoryIdentityProvider({ clock, scrypt: { N: 1024, r: 8, p: 1 } });
  await identity.register('ada@example.org', PASSWORD);
  let checked = 0;
  const login = identity.login.bind(identity);
  identity.login = (email, password) => {
    checked++;
    return login(email, password);
  };
  const logIn = new LogIn({ identity, attempts: new InMemoryLoginAttempts(), clock }, options);
  // What one attempt answers: 'ok', the error code, or the retry-after seconds of a refusal.
  const attempt = async (password: string, email = 'ada@example.org', clientAddress = '203.0.113.7') => {
    try {
      await logIn.execute({ email, password, clientAddress });
      return 'ok';
    } catch (error) {
      if (!isDocentError(error)) throw error;
      return error.code === 'too_many_attempts' ? `wait ${error.details?.retryAfterSeconds}` : error.code;
    }
  };
  return { clock, attempt, checked: () => checked };
};

describe('LogIn throttling', () => {
  it('refuses after five failures, before the password is checked, even the right one', async () => {
    const { attempt, checked } = await setUp();
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await attempt('wrong'));
    expect(answers).toEqual([...Array(5).fill('invalid_credentials'), 'wait 1', 'wait 1']);
    expect(await attempt(PASSWORD)).toBe('wait 1');
    expect(checked()).toBe(5);
  });

  it('doubles the wait with each further failure, up to the cap', async () => {
    const { clock, attempt } = await setUp({ maxDelaySeconds: 16 });
    for (let i = 0; i < 5; i++) await attempt('wrong');
    const waits = [];
    for (let i = 0; i < 7; i++) {
      const refusal = await attempt('wrong');
      waits.push(refusal);
      clock.advance(Number(refusal.replace('wait ', '')) * 1000);
      expect(await attempt('wrong')).toBe('invalid_credentials');
    }
    expect(waits).toEqual(['wait 1', 'wait 2', 'wait 4', 'wait 8', 'wait 16', 'wait 16', 'wait 16']);
  });

  it('counts down the wait as time passes', async () => {
    const { clock, attempt } = await setUp({ baseDelaySeconds: 30 });
    for (let i = 0; i < 5; i++) await attempt('wrong');
    clock.advance(12_500);
    expect(await attempt('wrong')).toBe('wait 18');
  });

  it('lets concurrent guesses through only up to the threshold', async () => {
    const { attempt, checked } = await setUp();
    const answers = await Promise.all(Array.from({ length: 12 }, () => attempt('wrong')));
    expect(answers.filter((answer) => answer === 'invalid_credentials')).toHaveLength(5);
    expect(answers.filter((answer) => answer.startsWith('wait'))).toHaveLength(7);
    expect(checked()).toBe(5);
  });

  it('forgets the account failures after a success', async () => {
    const { attempt } = await setUp();
    for (let i = 0; i < 4; i++) await attempt('wrong');
    expect(await attempt(PASSWORD)).toBe('ok');
    for (let i = 0; i < 5; i++) expect(await attempt('wrong')).toBe('invalid_credentials');
    expect(await attempt('wrong')).toBe('wait 1');
  });

  it('forgets failures after a quiet window', async () => {
    const { clock, attempt } = await setUp({ windowSeconds: 600 });
    for (let i = 0; i < 5; i++) await attempt('wrong');
    clock.advance(600_000);
    for (let i = 0; i < 5; i++) expect(await attempt('wrong')).toBe('invalid_credentials');
  });

  it('throttles unknown emails exactly like existing ones', async () => {
    const { attempt } = await setUp();
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await attempt('wrong', 'nobody@example.org'));
    expect(answers).toEqual([...Array(5).fill('invalid_credentials'), 'wait 1']);
  });

  it('throttles one address across accounts at the address threshold, and one IPv6 /64 as one address', async () => {
    const { attempt } = await setUp({ accountThreshold: 5, addressThreshold: 6 });
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await attempt('wrong', `user${i}@example.org`, `2001:db8::${i}`));
    expect(answers).toEqual([...Array(6).fill('invalid_credentials'), 'wait 1']);
    expect(await attempt(PASSWORD, 'ada@example.org', '2001:db8:0:1::9')).toBe('ok');
  });

  it('keeps counting the account whatever the address', async () => {
    const { attempt } = await setUp();
    for (let i = 0; i < 5; i++) await attempt('wrong', 'ada@example.org', `198.51.100.${i}`);
    expect(await attempt('wrong', 'ada@example.org', '192.0.2.1')).toBe('wait 1');
  });

  it('still signs in an account whose email predates the stricter grammar', async () => {
    const clock = new ManualClock();
    const identity = new InMemoryIdentityProvider({ clock, scrypt: { N: 1024, r: 8, p: 1 } });
    await identity.register('"old style"@example.org', PASSWORD);
    const logIn = new LogIn({ identity, attempts: new InMemoryLoginAttempts(), clock });
    await expect(logIn.execute({ email: '"Old Style"@example.org', password: PASSWORD })).resolves.toMatchObject({
      user: { email: '"old style"@example.org' },
    });
  });
});
