import { HeldAnswerer } from '@docent/testing';
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../test-support/in-memory-world.ts';
import { BoundedAskQuestion } from './bounded-ask-question.ts';

const QUESTION = { question: 'What is the default compression level?' };

const setUp = async (maxRunning: number, maxQueue: number) => {
  const answerer = new HeldAnswerer();
  const world = createWorld({ answerer });
  const alice = await world.user();
  await world.uploadText(alice, 'a.txt', 'The default compression level is six.');
  await world.drainJobs();
  return {
    answerer,
    alice,
    bounded: new BoundedAskQuestion(world.ask, { maxRunning, maxQueue, retryAfterSeconds: 2 }),
  };
};

/** Lets pending promise callbacks run, so held asks reach the answerer. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('BoundedAskQuestion', () => {
  it('runs up to maxRunning, queues up to maxQueue, refuses the next as overloaded, then admits again', async () => {
    const { answerer, alice, bounded } = await setUp(2, 1);
    const admitted = [1, 2, 3].map(() => bounded.execute(alice, QUESTION));
    await settle();
    expect(answerer.waiting).toBe(2);
    expect(bounded.load).toEqual({ running: 2, waiting: 1 });
    await expect(bounded.execute(alice, QUESTION)).rejects.toMatchObject({
      code: 'overloaded',
      retryable: true,
      details: { retryAfterSeconds: 2 },
    });
    answerer.release();
    await settle();
    // The queued ask took the freed turn.
    expect(answerer.waiting).toBe(1);
    answerer.release();
    const answers = await Promise.all(admitted);
    expect(answers.map((a) => a.abstained)).toEqual([false, false, false]);
    expect(bounded.load).toEqual({ running: 0, waiting: 0 });
    const again = bounded.execute(alice, QUESTION);
    await settle();
    answerer.release();
    expect((await again).answer).toContain('six');
  });

  it('drops a queued ask whose client left, without running it', async () => {
    const { answerer, alice, bounded } = await setUp(1, 1);
    const running = bounded.execute(alice, QUESTION);
    const controller = new AbortController();
    const queued = bounded.execute(alice, QUESTION, { signal: controller.signal });
    await settle();
    controller.abort(new Error('client left'));
    await expect(queued).rejects.toThrow('client left');
    expect(bounded.load).toEqual({ running: 1, waiting: 0 });
    answerer.release();
    await running;
    expect(bounded.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses limits that are not whole numbers', () => {
    const inner = createWorld().ask;
    expect(() => new BoundedAskQuestion(inner, { maxRunning: 0, maxQueue: 1 })).toThrow(/whole numbers/);
    expect(() => new BoundedAskQuestion(inner, { maxRunning: 1, maxQueue: -1 })).toThrow(/whole numbers/);
    expect(() => new BoundedAskQuestion(inner, { maxRunning: 1, maxQueue: 1, refusalDelayMs: 0.5 })).toThrow(
      /whole numbers/,
    );
  });
});
