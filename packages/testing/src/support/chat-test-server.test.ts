import { afterEach, describe, expect, it } from 'vitest';
import { type ChatTestServer, type ChatTestServerOptions, startChatTestServer } from './chat-test-server.ts';

const USAGE = { inputTokens: 4, outputTokens: 2 };
let server: ChatTestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const start = async (options?: ChatTestServerOptions): Promise<ChatTestServer> => {
  server = await startChatTestServer(options);
  return server;
};

const chat = (url: string, body: Record<string, unknown>): Promise<Response> =>
  fetch(`${url}/chat/completions`, { method: 'POST', body: JSON.stringify(body) });

const ask = (content: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  model: 'm',
  messages: [
    { role: 'system', content: 'sys' },
    { role: 'user', content },
  ],
  max_tokens: 10,
  ...extra,
});

describe('startChatTestServer', () => {
  it('follows the script first, then respond, and answers 500 when respond throws', async () => {
    let calls = 0;
    const { baseUrl, script, received } = await start({
      respond: (request) => {
        calls++;
        if (request.messages.at(-1)?.content === 'boom') throw new Error('respond failed');
        return { kind: 'reply', chunks: [`echo: ${request.messages.at(-1)?.content}`], usage: USAGE };
      },
    });
    script({ kind: 'fail', status: 400, message: 'scripted' });
    expect(await (await chat(baseUrl, ask('one'))).json()).toEqual({
      error: { message: 'scripted', type: 'invalid_request_error' },
    });
    const reply = (await (await chat(baseUrl, ask('two'))).json()) as { choices: { message: { content: string } }[] };
    expect(reply.choices[0]?.message.content).toBe('echo: two');
    expect((await chat(baseUrl, ask('boom'))).status).toBe(500);
    expect(calls).toBe(2);
    expect(received().map((r) => [r.system, r.messages, r.maxTokens, r.temperature, r.stream])).toEqual([
      ['sys', [{ role: 'user', content: 'one' }], 10, undefined, false],
      ['sys', [{ role: 'user', content: 'two' }], 10, undefined, false],
      ['sys', [{ role: 'user', content: 'boom' }], 10, undefined, false],
    ]);
  });

  it('answers 500 when neither a script step nor respond is there', async () => {
    const { baseUrl, received } = await start();
    const response = await chat(baseUrl, ask('x'));
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe('server_error');
    expect(received()).toHaveLength(1);
  });

  it('streams SSE and sends the usage chunk only when stream_options asks for it', async () => {
    const { baseUrl, script } = await start();
    const reply = { kind: 'reply', chunks: ['a', 'b'], usage: USAGE, finishReason: 'length' } as const;
    script(reply, reply);
    const plain = await chat(baseUrl, ask('q', { stream: true }));
    expect(plain.headers.get('content-type')).toBe('text/event-stream');
    const events = (await plain.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    expect(events.slice(0, -1).map((event) => JSON.parse(event.slice('data: '.length)).choices[0])).toEqual([
      { index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null },
      { index: 0, delta: { content: 'a' }, finish_reason: null },
      { index: 0, delta: { content: 'b' }, finish_reason: null },
      { index: 0, delta: {}, finish_reason: 'length' },
    ]);
    const withUsage = await chat(baseUrl, ask('q', { stream: true, stream_options: { include_usage: true } }));
    const last = (await withUsage.text()).split('\n\n').filter(Boolean).at(-2) ?? '';
    expect(JSON.parse(last.slice('data: '.length))).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 4, completion_tokens: 2 },
    });
  });

  it('refuses other routes and bodies without messages, without recording them', async () => {
    const { baseUrl, received } = await start();
    expect((await fetch(`${baseUrl}/models`)).status).toBe(404);
    expect((await chat(baseUrl, { model: 'm' })).status).toBe(400);
    expect(received()).toEqual([]);
  });

  it('closes with a hanging request open, twice without harm', async () => {
    const { baseUrl, script, close } = await start();
    script({ kind: 'hang' });
    const pending = chat(baseUrl, ask('wait'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await close();
    await expect(pending).rejects.toThrow();
    await close();
  });
});
