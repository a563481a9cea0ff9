// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, FakeServer, json } from '../../test-support/fake-server.ts';
import { FakeXhr } from '../../test-support/fake-xhr.ts';
import { documentView } from '../../test-support/fixtures.ts';
import { renderWithApi } from '../../test-support/render-with-api.tsx';
import type { DocumentView } from '../api/types.ts';
import { DocumentsScreen } from './documents-screen.tsx';

const processing = documentView({
  id: 'doc-2',
  name: 'notes.md',
  contentType: 'text/markdown',
  size: 3 * 1024 * 1024,
  status: 'processing',
  progress: { stage: 'embedding', done: 2, total: 5 },
  pageCount: undefined,
});
const failed = documentView({
  id: 'doc-3',
  name: 'locked.pdf',
  status: 'failed',
  progress: { stage: 'failed', done: 0, total: 0 },
  error: { code: 'encrypted_pdf', message: 'The PDF is encrypted.' },
});
const uploaded = documentView({
  id: 'doc-4',
  name: 'page.html',
  contentType: 'text/html',
  status: 'uploaded',
  size: 300,
});

/** Serves the given lists in turn (the last one repeats), counting the polls. */
const serving = (...lists: DocumentView[][]) => {
  const server = new FakeServer();
  let call = 0;
  server.on('GET', '/documents', () => json(200, { documents: lists[Math.min(call++, lists.length - 1)] }));
  return server;
};

const show = (server: FakeServer) => {
  vi.stubGlobal('fetch', server.fetch);
  renderWithApi(<DocumentsScreen pollMs={15} />);
  return userEvent.setup();
};

const bodyRows = () =>
  within(screen.getByRole('table', { name: 'Your documents' }))
    .getAllByRole('row')
    .slice(1);
const rowOf = (name: string) => {
  const row = bodyRows().find((candidate) => within(candidate).queryByText(name));
  if (!row) throw new Error(`no row for ${name}`);
  return row;
};

beforeEach(() => FakeXhr.reset());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('DocumentsScreen', () => {
  it('lists each document with type, size, pages and status', async () => {
    show(serving([documentView(), processing, failed, uploaded]));
    await screen.findByText('handbook.pdf');
    const table = screen.getByRole('table', { name: 'Your documents' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['Name', 'Type', 'Size', 'Pages', 'Status']);
    expect(
      bodyRows().map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['handbook.pdf', 'PDF', '2.0 KB', '3', 'Ready', 'Delete'],
      ['notes.md', 'Markdown', '3.0 MB', '—', 'Processing: embedding 40%', 'Delete'],
      ['locked.pdf', 'PDF', '2.0 KB', '3', 'Failed: The PDF is encrypted.', 'RetryDelete'],
      ['page.html', 'HTML', '300 B', '3', 'Uploaded', 'Delete'],
    ]);
    const bar = screen.getByRole('progressbar', { name: 'Processing notes.md' });
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
  });

  it('offers Retry only for failed documents, and retrying starts processing again', async () => {
    const server = serving(
      [documentView(), failed],
      [documentView(), { ...failed, status: 'ready', error: undefined }],
    );
    server.on('POST', '/documents/doc-3/retry', () =>
      json(202, { document: { ...failed, status: 'uploaded', error: undefined } }),
    );
    const user = show(server);
    await screen.findByText('locked.pdf');
    expect(
      screen.getAllByRole('button', { name: /^Retry / }).map((button) => button.getAttribute('aria-label')),
    ).toEqual(['Retry locked.pdf']);
    await user.click(screen.getByRole('button', { name: 'Retry locked.pdf' }));
    expect(server.calls('POST', '/documents/doc-3/retry')).toHaveLength(1);
    await vi.waitFor(() => expect(within(rowOf('locked.pdf')).getByText('Ready')).toBeTruthy());
    expect(screen.queryByRole('button', { name: 'Retry locked.pdf' })).toBeNull();
  });

  it('polls while documents are processing and stops once all are done', async () => {
    const done = { ...processing, status: 'ready' as const, progress: { stage: 'done', done: 1, total: 1 } };
    const server = serving(
      [{ ...processing, progress: { ...processing.progress, etaSeconds: 130 } }],
      [{ ...processing, progress: { stage: 'indexing', done: 1, total: 2 } }],
      [done],
    );
    show(server);
    expect(await screen.findByText('Processing: embedding 40% · about 2 min left')).toBeTruthy();
    expect(await screen.findByText('Processing: indexing 50%')).toBeTruthy();
    expect(await screen.findByText('Ready')).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    const polls = server.calls('GET', '/documents').length;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(server.calls('GET', '/documents')).toHaveLength(polls);
  });

  it('asks before deleting: Cancel keeps the document, Delete removes it', async () => {
    const server = serving([documentView()], []);
    server.on('DELETE', '/documents/doc-1', () => json(204, undefined));
    const user = show(server);
    const deleteButton = await screen.findByRole('button', { name: 'Delete handbook.pdf' });
    await user.click(deleteButton);
    let dialog = screen.getByRole('dialog', { name: 'Delete handbook.pdf?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(deleteButton);
    expect(server.calls('DELETE', '/documents/doc-1')).toHaveLength(0);
    expect(bodyRows()).toHaveLength(1);

    await user.click(deleteButton);
    dialog = screen.getByRole('dialog', { name: 'Delete handbook.pdf?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(server.calls('DELETE', '/documents/doc-1')).toHaveLength(1);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bodyRows()).toHaveLength(0);
    // The button that opened the dialog went with its row, so focus lands on the screen heading.
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Documents' }));
    expect(screen.getByText('No documents yet. Upload a file to get started.')).toBeTruthy();
  });

  it('keeps focus inside the delete dialog and closes it on Escape', async () => {
    const user = show(serving([documentView()]));
    const deleteButton = await screen.findByRole('button', { name: 'Delete handbook.pdf' });
    await user.click(deleteButton);
    const dialog = screen.getByRole('dialog', { name: 'Delete handbook.pdf?' });
    const [cancel, confirm] = within(dialog).getAllByRole('button');
    await user.tab();
    expect(document.activeElement).toBe(confirm);
    await user.tab();
    expect(document.activeElement).toBe(cancel);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(confirm);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(deleteButton);
  });

  it('shows a progress bar per upload and adds the document when it is stored', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const user = show(serving([]));
    const file = new File(['# Notes'], 'notes.md', { type: 'text/markdown' });
    await user.upload(screen.getByLabelText('Choose files'), file);
    const [xhr] = FakeXhr.instances;
    if (!xhr) throw new Error('no upload started');
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/documents/upload');
    expect(xhr.headers.authorization).toBe('Bearer token-1');
    const sent = (xhr.body as FormData).get('file') as File;
    expect([sent.name, sent.size]).toEqual(['notes.md', file.size]);
    const bar = screen.getByRole('progressbar', { name: 'Uploading notes.md' });
    expect(bar.getAttribute('aria-valuenow')).toBe('0');
    act(() => xhr.progress(30, 120));
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    await act(async () => xhr.respond(202, { document: { ...processing, status: 'uploaded' }, created: true }));
    expect(screen.queryByRole('progressbar', { name: 'Uploading notes.md' })).toBeNull();
    expect(within(rowOf('notes.md')).getByText('Uploaded')).toBeTruthy();
  });

  it('stops an upload on request without reporting an error', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const user = show(serving([]));
    await user.upload(screen.getByLabelText('Choose files'), new File(['x'], 'big.pdf'));
    await user.click(screen.getByRole('button', { name: 'Stop uploading big.pdf' }));
    await vi.waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('reports a rejected upload in an alert', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const user = show(serving([]));
    await user.upload(screen.getByLabelText('Choose files'), new File(['x'], 'scan.pdf'));
    act(() =>
      FakeXhr.instances[0]?.respond(415, {
        error: { code: 'unsupported_type', message: 'This is not a PDF.', requestId: 'r' },
      }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe('Could not upload scan.pdf: This is not a PDF.');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('uploads dropped files, and opens the file picker from the drop zone with Enter or Space', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const user = show(serving([]));
    const picker = screen.getByLabelText<HTMLInputElement>('Choose files');
    const click = vi.spyOn(picker, 'click').mockImplementation(() => undefined);
    const zone = screen.getByLabelText('Drop files here');
    zone.focus();
    await user.keyboard('{Enter}');
    await user.keyboard(' ');
    expect(click).toHaveBeenCalledTimes(2);
    fireEvent.drop(zone, { dataTransfer: { files: [new File(['a'], 'a.txt'), new File(['b'], 'b.txt')] } });
    expect(screen.getAllByRole('progressbar').map((bar) => bar.getAttribute('aria-label'))).toEqual([
      'Uploading a.txt',
      'Uploading b.txt',
    ]);
  });

  it('shows names from the server as text, never as markup', async () => {
    const name = '<img src=x onerror="window.hacked=1">.txt';
    show(serving([documentView({ name, contentType: 'text/plain' })]));
    expect(await screen.findByText(name)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByRole('button', { name: `Delete ${name}` })).toBeTruthy();
  });

  it('shows an error when the list cannot be loaded', async () => {
    show(new FakeServer().on('GET', '/documents', () => apiError(503, 'unavailable', 'Try again in a moment.')));
    expect((await screen.findByRole('alert')).textContent).toBe('Try again in a moment.');
  });
});
