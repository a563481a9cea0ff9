// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, FakeServer } from '../../test-support/fake-server.ts';
import { citation, HANDBOOK_TEXT } from '../../test-support/fixtures.ts';
import { renderWithApi } from '../../test-support/render-with-api.tsx';
import type { Citation } from '../api/types.ts';
import { ViewerDialog } from './viewer-dialog.tsx';

const PAGES = [
  { page: 1, charStart: 0, charEnd: 21 },
  { page: 2, charStart: 21, charEnd: HANDBOOK_TEXT.length },
];

const open = (server: FakeServer, cited: Citation = citation()) => {
  vi.stubGlobal('fetch', server.fetch);
  const onClose = vi.fn();
  renderWithApi(<ViewerDialog citation={cited} onClose={onClose} />);
  return { onClose, user: userEvent.setup() };
};

const serving = (text: string) =>
  new FakeServer().on('GET', '/documents/doc-1/text', { documentId: 'doc-1', text, pages: PAGES, headings: [] });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  // jsdom has no scrollIntoView: remove the stub a test installed.
  delete (Element.prototype as { scrollIntoView?: unknown }).scrollIntoView;
});

describe('ViewerDialog', () => {
  it('shows the document text with exactly the cited span marked, its page, and scrolls to it', async () => {
    const scrollIntoView = vi.fn();
    Element.prototype.scrollIntoView = scrollIntoView;
    open(serving(HANDBOOK_TEXT));
    const dialog = screen.getByRole('dialog', { name: 'handbook.pdf' });
    const mark = await within(dialog).findByText('Leave is 25 days a year');
    expect(mark.tagName).toBe('MARK');
    expect(dialog.querySelectorAll('mark')).toHaveLength(1);
    expect(mark.parentElement?.textContent).toBe(HANDBOOK_TEXT);
    expect(within(dialog).getByText('Page 2')).toBeTruthy();
    expect(scrollIntoView).toHaveBeenCalledOnce();
    expect(scrollIntoView.mock.contexts[0]).toBe(mark);
  });

  it('finds the page from the page map when the citation has none', async () => {
    open(serving(HANDBOOK_TEXT), citation({ page: undefined, charStart: 2, charEnd: 7 }));
    expect((await screen.findByText('lcome')).tagName).toBe('MARK');
    expect(screen.getByText('Page 1')).toBeTruthy();
  });

  it('renders markup inside documents as text', async () => {
    const hostile = 'Intro. <script>window.hacked=1</script><img src=x onerror="window.hacked=2"> end';
    open(serving(hostile), citation({ page: undefined, charStart: 7, charEnd: 39 }));
    expect((await screen.findByText('<script>window.hacked=1</script>')).tagName).toBe('MARK');
    expect(document.querySelector('script, img')).toBeNull();
    expect(screen.getByRole('dialog').textContent).toContain('<img src=x onerror="window.hacked=2"> end');
  });

  it('closes with the Close button and with Escape', async () => {
    const { onClose, user } = open(serving(HANDBOOK_TEXT));
    await screen.findByText('Leave is 25 days a year');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }));
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('explains when the text is not available', async () => {
    open(
      new FakeServer().on('GET', '/documents/doc-1/text', () =>
        apiError(409, 'document_not_ready', 'Still processing.'),
      ),
    );
    expect((await screen.findByRole('alert')).textContent).toBe('Still processing.');
  });
});
