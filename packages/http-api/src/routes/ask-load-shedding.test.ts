import { type BoundedAskQuestion, TOKENS } from '@docent/domain';
import { HeldAnswerer } from '@docent/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedUpUser } from '../../test-support/api-client.ts';
import { expectError } from '../../test-support/expect-error.ts';
import { readQaDevDocument } from '../../test-support/qa-dev.ts';
import { startTestServer, type TestServer } from '../../test-support/test-server.ts';

// Two asks run, one waits; the slow stand-in answerer holds them until the test releases it.
const answerer = new HeldAnswerer();
let server: TestServer;
let alice: SignedUpUser;

beforeAll(async () => {
  server = await startTestServer({ answerer, askAdmission: { maxRunning: 2, maxQueue: 1, retryAfterSeconds: 3 } });
  alice = await server.api.signUp();
  await server.api.upload(alice.token, 'Artistic.txt', readQaDevDocument('Artistic.txt'));
  await server.docent.drainJobs();
});
afterAll(() => server.close());

const ask = () =>
  server.api.request('POST', '/query/ask', {
    token: alice.token,
    json: { question: 'Can I charge a reasonable copying fee for distribution of this Package?' },
  });

const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('POST /query/ask under load', () => {
  it('answers 503 overloaded with retry-after once the queue is full, and answers again when it drains', async () => {
    const held = [ask(), ask()];
    await until(() => answerer.waiting === 2);
    const queued = ask();
    const gate = server.docent.resolver.get(TOKENS.AskQuestion) as BoundedAskQuestion;
    await until(() => gate.load.waiting === 1);
    const refused = await ask();
    expectError(refused, 503, 'overloaded');
    expect(refused.headers.get('retry-after')).toBe('3');

    answerer.release();
    await until(() => answerer.waiting === 1);
    answerer.release();
    const answered = await Promise.all([...held, queued]);
    expect(answered.map((response) => response.status)).toEqual([200, 200, 200]);

    const again = ask();
    await until(() => answerer.waiting === 1);
    answerer.release();
    const response = await again;
    expect(response.status).toBe(200);
    expect(response.body.answer).toMatch(/reasonable copying fee/i);
  });
});
