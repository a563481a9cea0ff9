// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
// The domain's own constant, read from its source: the web app does not depend on the domain package.
import { MAX_QUESTION_CHARS as DOMAIN_MAX_QUESTION_CHARS } from '../../../../packages/domain/src/use-cases/ask-question-input.ts';
import { eventStream, type FakeEventStream, FakeServer } from '../../test-support/fake-server.ts';
import { citation, documentView, HANDBOOK_TEXT, source } from '../../test-support/fixtures.ts';
import { renderWithApi } from '../../test-support/render-with-api.tsx';
import type { Answer } from '../api/types.ts';
import { AskScreen, MAX_QUESTION_CHARS } from './ask-screen.tsx';

const DOCUMENTS = [
  documentView(),
  documentView({ id: 'doc-2', name: 'policy.txt', contentType: 'text/plain', pageCount: undefined }),
  documentView({
    id: 'doc-3',
    name: 'draft.pdf',
    status: 'processing',
    progress: { stage: 'chunking', done: 0, total: 1 },
  }),
];

const answer = (overrides: Partial<Answer> = {}): Answer => ({
  answer: 'Leave is 25 days a year. Requests go to HR.',
  abstained: false,
  citations: [
    citation(),
    citation({ documentId: 'doc-2', documentName: 'policy.txt', page: undefined, quote: 'Requests go to HR' }),
  ],
  sources: [source()],
  conversationId: 'conv-1',
  ...overrides,
});

const setup = () => {
  const server = new FakeServer().on('GET', '/documents', { documents: DOCUMENTS });
  const streams: FakeEventStream[] = [];
  server.on('POST', '/query/ask', () => {
    const stream = eventStream();
    streams.push(stream);
    return stream.response;
  });
  vi.stubGlobal('fetch', server.fetch);
  renderWithApi(<AskScreen pollMs={15} />);
  return { server, streams, user: userEvent.setup() };
};

const askQuestion = async (user: ReturnType<typeof userEvent.setup>, question: string) => {
  await user.type(screen.getByLabelText('Question'), question);
  await user.click(screen.getByRole('button', { name: 'Ask' }));
};

/** Sends events and lets React render what they caused. */
const emit = async (stream: FakeEventStream | undefined, event: string, data: unknown) => {
  await act(async () => {
    stream?.send(event, data);
    await new Promise((resolve) => setTimeout(resolve, 5));
  });
};

const region = () => screen.getByRole('region', { name: 'Answer' });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('AskScreen', () => {
  it('caps the question at the limit the API enforces', async () => {
    setup();
    expect(MAX_QUESTION_CHARS).toBe(DOMAIN_MAX_QUESTION_CHARS);
    expect((screen.getByLabelText('Question') as HTMLTextAreaElement).maxLength).toBe(DOMAIN_MAX_QUESTION_CHARS);
    await screen.findByRole('checkbox', { name: 'handbook.pdf' });
  });

  it('fills the answer while tokens stream, then shows markers and the citations list', async () => {
    const { streams, user } = setup();
    await screen.findByRole('checkbox', { name: 'handbook.pdf' });
    await askQuestion(user, 'How much leave do I get?');
    expect(region().getAttribute('aria-live')).toBe('polite');
    await emit(streams[0], 'token', { text: 'Leave is 25 days' });
    expect(region().textContent).toBe('Leave is 25 days');
    expect(screen.queryByRole('list', { name: 'Citations' })).toBeNull();
    await emit(streams[0], 'token', { text: ' a year.' });
    expect(region().textContent).toBe('Leave is 25 days a year.');
    // The passages come with the final answer, not before.
    expect(screen.queryByRole('region', { name: 'Where this comes from' })).toBeNull();
    await emit(streams[0], 'answer', answer());

    const markers = within(region()).getAllByRole('button');
    expect(markers.map((marker) => [marker.textContent, marker.getAttribute('aria-label')])).toEqual([
      ['[1]', 'Citation 1: handbook.pdf, page 2'],
      ['[2]', 'Citation 2: policy.txt'],
    ]);
    expect(region().textContent).toBe('Leave is 25 days a year. Requests go to HR. [1] [2]');
    const items = within(screen.getByRole('list', { name: 'Citations' })).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      '[1] handbook.pdf, page 2“Leave is 25 days a year”',
      '[2] policy.txt“Requests go to HR”',
    ]);
    expect(region().getAttribute('data-abstained')).toBeNull();
    const passages = screen.getByRole('region', { name: 'Where this comes from' });
    expect(within(passages).getByText('Leave is 25 days a year').tagName).toBe('MARK');
  });

  it('offers only ready documents and sends the checked ones as documentIds', async () => {
    const { server, streams, user } = setup();
    const group = await screen.findByRole('group', { name: 'Ask within' });
    await within(group).findByRole('checkbox', { name: 'handbook.pdf' });
    expect(
      within(group)
        .getAllByRole('checkbox')
        .map((box) => box.parentElement?.textContent?.trim()),
    ).toEqual(['handbook.pdf', 'policy.txt']);
    await askQuestion(user, 'Everything?');
    expect(server.calls('POST', '/query/ask')[0]?.body).toEqual({ question: 'Everything?' });
    await emit(streams[0], 'answer', answer());

    await user.click(within(group).getByRole('checkbox', { name: 'policy.txt' }));
    await user.clear(screen.getByLabelText('Question'));
    await askQuestion(user, 'Only the policy?');
    expect(server.calls('POST', '/query/ask')[1]?.body).toEqual({
      question: 'Only the policy?',
      documentIds: ['doc-2'],
    });
  });

  it('turns [n] markers of a generated answer into buttons for the cited documents', async () => {
    const { streams, user } = setup();
    await askQuestion(user, 'Leave?');
    await emit(
      streams[0],
      'answer',
      answer({
        answer: 'Leave is 25 days [1]. Ask HR [2]. Unverified [3].',
        citations: [
          citation({ marker: 1 }),
          citation({ marker: 2, documentId: 'doc-2', documentName: 'policy.txt', page: undefined }),
        ],
      }),
    );
    const markers = within(region()).getAllByRole('button');
    expect(markers.map((marker) => marker.getAttribute('aria-label'))).toEqual([
      'Citation 1: handbook.pdf, page 2',
      'Citation 2: policy.txt',
    ]);
    expect(region().textContent).toBe('Leave is 25 days [1]. Ask HR [2]. Unverified [3].');
  });

  it('marks an abstained answer distinctly', async () => {
    const { streams, user } = setup();
    await askQuestion(user, 'What is the CEO’s salary?');
    await emit(streams[0], 'token', { text: 'Not found in your documents.' });
    await emit(
      streams[0],
      'answer',
      answer({ answer: 'Not found in your documents.', abstained: true, citations: [] }),
    );
    expect(region().getAttribute('data-abstained')).toBe('true');
    expect(within(region()).getAllByText(/Not found in your documents/)).toHaveLength(1);
    expect(screen.queryByRole('list', { name: 'Citations' })).toBeNull();
    // The closest passages stay on screen so the reader can check the abstention.
    const closest = screen.getByRole('region', { name: 'Closest passages (they do not answer the question)' });
    expect(within(closest).getByRole('button').textContent).toContain(HANDBOOK_TEXT);
  });

  it('shows an error event in an alert', async () => {
    const { streams, user } = setup();
    await askQuestion(user, 'Leave?');
    await emit(streams[0], 'error', {
      error: { code: 'llm_unavailable', message: 'The model is busy.', retryable: true },
    });
    expect(screen.getByRole('alert').textContent).toBe('The model is busy.');
    expect(screen.getByRole('button', { name: 'Ask' })).toHaveProperty('disabled', false);
  });

  it('renders markup in answers and quotes as plain text', async () => {
    const { streams, user } = setup();
    await askQuestion(user, 'Markup?');
    const hostile = '<script>window.hacked = 1</script><img src=x onerror="window.hacked = 2">';
    await emit(streams[0], 'token', { text: hostile });
    await emit(streams[0], 'answer', answer({ answer: hostile, citations: [citation({ quote: hostile })] }));
    expect(region().textContent).toBe(`${hostile} [1]`);
    expect(screen.getByRole('list', { name: 'Citations' }).textContent).toContain(hostile);
    expect(document.querySelector('script, img')).toBeNull();
  });

  it('opens the cited document from a marker', async () => {
    const { server, streams, user } = setup();
    server.on('GET', '/documents/doc-1/text', {
      documentId: 'doc-1',
      text: HANDBOOK_TEXT,
      pages: [],
    });
    await askQuestion(user, 'Leave?');
    await emit(streams[0], 'answer', answer());
    await user.click(screen.getByRole('button', { name: 'Citation 1: handbook.pdf, page 2' }));
    const dialog = screen.getByRole('dialog', { name: 'handbook.pdf' });
    expect((await within(dialog).findByText('Leave is 25 days a year')).tagName).toBe('MARK');
  });

  it('opens a passage in the viewer at its cited span', async () => {
    const { server, streams, user } = setup();
    server.on('GET', '/documents/doc-1/text', { documentId: 'doc-1', text: HANDBOOK_TEXT, pages: [] });
    await askQuestion(user, 'Leave?');
    await emit(streams[0], 'answer', answer());
    const passages = screen.getByRole('list', { name: 'Passages' });
    await user.click(within(passages).getByRole('button'));
    const dialog = screen.getByRole('dialog', { name: 'handbook.pdf' });
    expect((await within(dialog).findByText('Leave is 25 days a year')).tagName).toBe('MARK');
    expect(within(dialog).getByText('Page 2')).toBeTruthy();
  });
});
