import type { LlmGateway, LlmMessage, LlmUsage } from '@docent/domain';
import { describe, expect, it } from 'vitest';
import { expectDocentError } from '../support/expect-docent-error.ts';
import { type Fixture, useFixture } from '../support/use-fixture.ts';

/** What the scripted backend does with the next request it receives. */
export type LlmScriptStep =
  /** Answers with these text pieces (one stream event each when streaming) and this usage. */
  | { kind: 'reply'; chunks: string[]; usage: LlmUsage; finishReason?: 'stop' | 'length' }
  /** Fails with this HTTP status and the provider's error shape carrying `message`. */
  | { kind: 'fail'; status: 400 | 429 | 500 | 503; message: string }
  /** Accepts the request and never answers (for cancellation). */
  | { kind: 'hang' };

/** A request as the backend received it, read back from the provider's wire format. */
export interface ReceivedLlmRequest {
  system: string;
  messages: LlmMessage[];
  maxTokens: number;
  temperature: number | undefined;
  /** Whether the adapter asked for a streamed response. */
  stream: boolean;
}

/**
 * What an LlmGateway adapter's test gives the contract: the adapter wired to a local server that
 * speaks the provider's protocol and follows a script. The adapter must be configured with at
 * most 2 retries, a backoff of a few milliseconds and a timeout of at least 2 s.
 */
export interface LlmGatewayFixture extends Fixture {
  gateway: LlmGateway;
  /** Queues what the backend does for the next requests, in order; with the queue empty it answers 500. */
  script(...steps: LlmScriptStep[]): void;
  /** Every request the backend received so far, oldest first. */
  received(): ReceivedLlmRequest[];
}

const USAGE: LlmUsage = { inputTokens: 120, outputTokens: 9 };
const REQUEST = {
  system: 'Answer only from the numbered passages.',
  messages: [{ role: 'user' as const, content: 'What is the default timeout? Ünïcödé ✓' }],
  maxTokens: 256,
};

/** Registers the tests every LlmGateway must pass. */
export const describeLlmGatewayContract = (adapterName: string, setup: () => Promise<LlmGatewayFixture>): void => {
  describe(`LlmGateway contract: ${adapterName}`, () => {
    const fixture = useFixture(setup);

    it('names its model and gives a non-negative price when it knows one', () => {
      const { gateway } = fixture();
      expect(gateway.id.length).toBeGreaterThan(0);
      if (gateway.pricing !== undefined) {
        expect(gateway.pricing.inputPerMillion).toBeGreaterThanOrEqual(0);
        expect(gateway.pricing.outputPerMillion).toBeGreaterThanOrEqual(0);
      }
    });

    it('sends the system prompt, turns and limits, and returns the whole reply with usage', async () => {
      const { gateway, script, received } = fixture();
      script({ kind: 'reply', chunks: ['The default is ', '30 seconds [1].'], usage: USAGE });
      const response = await gateway.generate(REQUEST);
      expect(response).toEqual({ text: 'The default is 30 seconds [1].', finishReason: 'stop', usage: USAGE });
      expect(received()).toEqual([{ ...REQUEST, temperature: 0, stream: false }]);
    });

    it('passes earlier turns in order and a chosen temperature', async () => {
      const { gateway, script, received } = fixture();
      script({ kind: 'reply', chunks: ['ok'], usage: USAGE });
      const messages: LlmMessage[] = [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'reply' },
        { role: 'user', content: 'second' },
      ];
      await gateway.generate({ ...REQUEST, messages, temperature: 0.5 });
      expect(received()[0]?.messages).toEqual(messages);
      expect(received()[0]?.temperature).toBe(0.5);
    });

    it('streams: every delta reaches onText in order and they add up to the text', async () => {
      const { gateway, script, received } = fixture();
      const chunks = ['Naïve ', 'café ', '文書 ', 'are fine [2].'];
      script({ kind: 'reply', chunks, usage: USAGE });
      const deltas: string[] = [];
      const response = await gateway.generate(REQUEST, { onText: (delta) => deltas.push(delta) });
      expect(deltas.join('')).toBe(chunks.join(''));
      expect(deltas.length).toBeGreaterThan(1);
      expect(response).toEqual({ text: chunks.join(''), finishReason: 'stop', usage: USAGE });
      expect(received()[0]?.stream).toBe(true);
    });

    it('reports a reply cut at maxTokens as finishReason length', async () => {
      const { gateway, script } = fixture();
      script({ kind: 'reply', chunks: ['The default'], usage: USAGE, finishReason: 'length' });
      expect((await gateway.generate(REQUEST)).finishReason).toBe('length');
      script({ kind: 'reply', chunks: ['The default'], usage: USAGE, finishReason: 'length' });
      expect((await gateway.generate(REQUEST, { onText: () => {} })).finishReason).toBe('length');
    });

    it('retries throttling and server errors, then succeeds', async () => {
      const { gateway, script, received } = fixture();
      script(
        { kind: 'fail', status: 429, message: 'Too many requests' },
        { kind: 'fail', status: 503, message: 'Overloaded' },
        { kind: 'reply', chunks: ['fine'], usage: USAGE },
      );
      expect((await gateway.generate(REQUEST)).text).toBe('fine');
      expect(received()).toHaveLength(3);
    });

    it('gives up after its retries with a retryable llm_failed', async () => {
      const { gateway, script, received } = fixture();
      script(
        { kind: 'fail', status: 500, message: 'boom' },
        { kind: 'fail', status: 500, message: 'boom' },
        { kind: 'fail', status: 500, message: 'boom' },
      );
      const error = await expectDocentError(gateway.generate(REQUEST), 'llm_failed');
      expect(error.retryable).toBe(true);
      expect(received()).toHaveLength(3);
    });

    it('does not retry a rejected request and quotes the provider', async () => {
      const { gateway, script, received } = fixture();
      script({ kind: 'fail', status: 400, message: 'max_tokens is too large' });
      const error = await expectDocentError(gateway.generate(REQUEST), 'llm_failed');
      expect(error.retryable).toBe(false);
      expect(error.message).toContain('max_tokens is too large');
      expect(received()).toHaveLength(1);
    });

    it('rejects with the abort reason when the caller cancels', async () => {
      const { gateway, script } = fixture();
      for (const onText of [undefined, () => {}]) {
        script({ kind: 'hang' });
        const controller = new AbortController();
        const reason = new Error('client went away');
        setTimeout(() => controller.abort(reason), 50);
        const started = Date.now();
        await expect(
          gateway.generate(REQUEST, { signal: controller.signal, ...(onText ? { onText } : {}) }),
        ).rejects.toBe(reason);
        expect(Date.now() - started).toBeLessThan(1_500);
      }
    });
  });
};
