import { ManualClock } from '@docent/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../../test-support/api-client.ts';
import { expectError } from '../../test-support/expect-error.ts';
import { startTestServer, type TestServer } from '../../test-support/test-server.ts';

const clock = new ManualClock();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    clock,
    signIn: { accountThreshold: 3, addressThreshold: 8, baseDelaySeconds: 10, maxDelaySeconds: 60 },
  });
});
afterAll(() => server.close());

const logIn = (email: string, password: string) =>
  server.api.request('POST', '/auth/login', { json: { email, password } });

// Wrong passwords until the account must wait; returns the answers.
const failTimes = async (email: string, times: number) => {
  const answers = [];
  for (let i = 0; i < times; i++) answers.push(await logIn(email, 'Wrong-Pass-1'));
  return answers;
};

describe('sign-in throttling over HTTP', () => {
  it('refuses with 429 and retry-after once an account passes its threshold, doubling the wait per failure', async () => {
    const alice = await server.api.signUp();
    const answers = await failTimes(alice.email, 5);
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 429, 429]);
    const refused = answers[3] ?? expect.unreachable();
    expectError(refused, 429, 'too_many_attempts');
    expect(refused.headers.get('retry-after')).toBe('10');
    // Refused attempts are not checked, so even the right password waits.
    expect((await logIn(alice.email, TEST_PASSWORD)).status).toBe(429);

    clock.advance(10_000);
    expect((await logIn(alice.email, 'Wrong-Pass-1')).status).toBe(401);
    const doubled = await logIn(alice.email, TEST_PASSWORD);
    expect([doubled.status, doubled.headers.get('retry-after')]).toEqual([429, '20']);

    clock.advance(20_000);
    expect((await logIn(alice.email, TEST_PASSWORD)).status).toBe(200);
    // The success reset the account: three more failures before it waits again.
    expect((await failTimes(alice.email, 4)).map((answer) => answer.status)).toEqual([401, 401, 401, 429]);
    clock.advance(60 * 60_000);
  });

  it('throttles an unknown email exactly like an existing one', async () => {
    const alice = await server.api.signUp();
    const known = await failTimes(alice.email, 4);
    const unknown = await failTimes(`nobody.${Date.now()}@example.com`, 4);
    expect(unknown.map((answer) => answer.status)).toEqual(known.map((answer) => answer.status));
    expect(unknown[3]?.body.error.message).toBe(known[3]?.body.error.message);
    expect(unknown[3]?.headers.get('retry-after')).toBe(known[3]?.headers.get('retry-after'));
    clock.advance(60 * 60_000);
  });

  it('throttles one client address across accounts at its own, higher threshold', async () => {
    const users = [await server.api.signUp(), await server.api.signUp(), await server.api.signUp()];
    const statuses = [];
    // Three failures per account leave each account just at its threshold; the address reaches 8 first.
    for (const user of users) for (const answer of await failTimes(user.email, 3)) statuses.push(answer.status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429]);
    clock.advance(60 * 60_000);
  });

  it('is described in the OpenAPI document: login may answer 429, register answers 202 and never 409', async () => {
    const spec = await server.api.request('GET', '/openapi.json');
    expect(Object.keys(spec.body.paths['/auth/login'].post.responses)).toContain('429');
    expect(Object.keys(spec.body.paths['/auth/register'].post.responses).sort()).toEqual(['202', '400', '415', '500']);
    expect(spec.body.components.schemas.ErrorResponse.properties.error.properties.code.enum).toContain(
      'too_many_attempts',
    );
  });
});
