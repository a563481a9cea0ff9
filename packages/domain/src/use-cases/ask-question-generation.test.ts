import { describe, expect, it } from 'vitest';
import { createWorld } from '../../test-support/in-memory-world.ts';
import { ScriptedLlm } from '../../test-support/scripted-llm.ts';
import { GenerativeAnswerer } from '../answering/generative-answerer.ts';
import { LlmQuestionRewriter } from '../conversation/llm-question-rewriter.ts';
import { AskQuestion } from './ask-question.ts';

const CURL = [
  'curl transfers data with URLs.',
  'The --connect-timeout option sets the maximum time in seconds that the connection phase may take.',
  'The --max-time option limits the whole operation to the given number of seconds.',
].join(' ');
const HAIKU = { inputPerMillion: 0.25, outputPerMillion: 1.25 };

const setUp = async (llm: ScriptedLlm) => {
  const world = createWorld({ answerer: new GenerativeAnswerer(llm) });
  const ask = new AskQuestion({ ...world.ports, rewriter: new LlmQuestionRewriter(llm) });
  const alice = await world.user();
  await world.uploadText(alice, 'curl.txt', CURL);
  await world.drainJobs();
  return { world, ask, alice };
};

describe('AskQuestion with a generating model', () => {
  it('streams the reply, cites exact spans by marker and records usage with its cost', async () => {
    const llm = new ScriptedLlm([], { id: 'scripted:haiku', pricing: HAIKU });
    llm.script({
      text: 'The --connect-timeout option sets the maximum time in seconds for the connection phase [1].',
      usage: { inputTokens: 1000, outputTokens: 200 },
    });
    const { world, ask, alice } = await setUp(llm);
    const deltas: string[] = [];
    const answer = await ask.execute(
      alice,
      { question: 'How long may the connection phase take?' },
      { onText: (delta) => deltas.push(delta) },
    );
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(answer.answer);
    expect(answer.abstained).toBe(false);
    expect(answer.citations).toHaveLength(1);
    const [citation] = answer.citations;
    expect(citation?.marker).toBe(1);
    expect(citation?.quote).toBe(
      'The --connect-timeout option sets the maximum time in seconds that the connection phase may take.',
    );
    expect(CURL.slice(citation?.charStart, citation?.charEnd)).toBe(citation?.quote);
    expect(answer.usage).toEqual({ model: 'scripted:haiku', inputTokens: 1000, outputTokens: 200, costUsd: 0.0005 });
    const [entry] = (await world.adapters.QueryHistoryRepository.list(alice.userId, { limit: 5 })).items;
    expect(entry?.usage).toEqual(answer.usage);
    expect(entry?.conversationId).toBe(answer.conversationId);
  });

  it('abstains on an ungrounded reply, flagging nothing it cannot cite', async () => {
    const llm = new ScriptedLlm(['PWNED']);
    const { ask, alice } = await setUp(llm);
    const answer = await ask.execute(alice, { question: 'How long may the connection phase take?' });
    expect(answer).toMatchObject({ abstained: true, answer: 'Not found in your documents.', citations: [] });
  });

  it('rewrites a follow-up with the model before retrieval and answers the standalone question', async () => {
    const llm = new ScriptedLlm();
    const { ask, alice } = await setUp(llm);
    llm.script('The --connect-timeout option sets the maximum time in seconds for the connection phase [1].');
    const first = await ask.execute(alice, { question: 'How long may the connection phase take in curl?' });
    llm.script(
      'What option limits the whole operation time in curl?',
      'The --max-time option limits the whole operation to the given number of seconds [1].',
    );
    const second = await ask.execute(alice, {
      question: 'And the whole transfer?',
      conversationId: first.conversationId,
    });
    expect(second.conversationId).toBe(first.conversationId);
    expect(second.standaloneQuestion).toBe('What option limits the whole operation time in curl?');
    const rewriteRequest = llm.requests[1];
    expect(JSON.stringify(rewriteRequest?.messages)).toContain('How long may the connection phase take in curl?');
    expect(llm.requests[2]?.messages.at(-1)?.content).toContain('What option limits the whole operation time in curl?');
    expect(second.citations[0]?.quote).toContain('--max-time');
  });

  it('records nothing when the caller aborts while the model is answering', async () => {
    const llm = new ScriptedLlm();
    const { world, ask, alice } = await setUp(llm);
    const controller = new AbortController();
    const reason = new Error('client went away');
    llm.script('The --connect-timeout option sets the maximum time [1].');
    const pending = ask.execute(
      alice,
      { question: 'How long may the connection phase take?' },
      { signal: controller.signal, onText: () => controller.abort(reason) },
    );
    await expect(pending).rejects.toBe(reason);
    expect((await world.adapters.QueryHistoryRepository.list(alice.userId, { limit: 5 })).items).toEqual([]);
  });
});
