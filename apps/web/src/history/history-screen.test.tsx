// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeServer, json } from '../../test-support/fake-server.ts';
import { citation, HANDBOOK_TEXT } from '../../test-support/fixtures.ts';
import { renderWithApi } from '../../test-support/render-with-api.tsx';
import type { HistoryEntry } from '../api/types.ts';
import { HistoryScreen } from './history-screen.tsx';

const entry = (overrides: Partial<HistoryEntry>): HistoryEntry => ({
  id: 'h-1',
  question: 'How much leave do I get?',
  answer: 'Leave is 25 days a year.',
  abstained: false,
  citations: [citation()],
  askedAt: '2026-01-02T09:30:00.000Z',
  ...overrides,
});

const ENTRIES = [
  entry({}),
  entry({
    id: 'h-2',
    question: 'Who is the CEO?',
    answer: 'Not found in your documents.',
    abstained: true,
    citations: [],
  }),
];

const setup = () => {
  const server = new FakeServer()
    .on('GET', '/query/history', (request) =>
      json(
        200,
        request.query.get('cursor')
          ? { entries: [entry({ id: 'h-3', question: 'Older?' })] }
          : { entries: ENTRIES, nextCursor: 'next-1' },
      ),
    )
    .on('GET', '/documents/doc-1/text', { documentId: 'doc-1', text: HANDBOOK_TEXT, pages: [], headings: [] });
  vi.stubGlobal('fetch', server.fetch);
  renderWithApi(<HistoryScreen />);
  return { server, user: userEvent.setup() };
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('HistoryScreen', () => {
  it('reopens a past answer with its citations, and the viewer returns focus on close', async () => {
    const { server, user } = setup();
    await user.click(await screen.findByRole('button', { name: 'How much leave do I get?' }));
    expect(server.calls('GET', '/query/history')[0]?.query.get('limit')).toBe('20');
    const answer = screen.getByRole('region', { name: 'Answer' });
    expect(answer.textContent).toBe('Leave is 25 days a year. [1]');
    const item = within(screen.getByRole('list', { name: 'Citations' })).getByRole('button');
    await user.click(item);
    const dialog = screen.getByRole('dialog', { name: 'handbook.pdf' });
    expect((await within(dialog).findByText('Leave is 25 days a year')).tagName).toBe('MARK');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(item);
  });

  it('shows an abstained entry as not found, and loads older entries on request', async () => {
    const { server, user } = setup();
    await user.click(await screen.findByRole('button', { name: 'Who is the CEO?' }));
    expect(screen.getByRole('region', { name: 'Answer' }).getAttribute('data-abstained')).toBe('true');
    expect(screen.getByRole('heading', { name: 'Who is the CEO?' })).toBe(document.activeElement);
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('button', { name: 'Older?' })).toBeTruthy();
    expect(server.calls('GET', '/query/history')[1]?.query.get('cursor')).toBe('next-1');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });
});
