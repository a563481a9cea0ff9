import type { Citation, DocumentView, Session, Source } from '../src/api/types.ts';

/** A signed-in session as the login endpoint returns it. */
export const session = (overrides: Partial<Session> = {}): Session => ({
  token: 'token-1',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: { id: 'user-1', email: 'ada@example.com' },
  ...overrides,
});

/** A ready document. */
export const documentView = (overrides: Partial<DocumentView> = {}): DocumentView => ({
  id: 'doc-1',
  name: 'handbook.pdf',
  contentType: 'application/pdf',
  size: 2048,
  status: 'ready',
  progress: { stage: 'done', done: 1, total: 1 },
  uploadedAt: '2026-01-01T10:00:00.000Z',
  pageCount: 3,
  chunkCount: 12,
  ...overrides,
});

/** The normalised text of the handbook fixture; `citation()` points at its second sentence. */
export const HANDBOOK_TEXT = 'Welcome to the team. Leave is 25 days a year. Requests go to HR.';

/** A citation of the handbook's second page. */
export const citation = (overrides: Partial<Citation> = {}): Citation => ({
  documentId: 'doc-1',
  documentName: 'handbook.pdf',
  page: 2,
  charStart: 21,
  charEnd: 44,
  quote: 'Leave is 25 days a year',
  ...overrides,
});

/** The best-ranked source: the whole handbook text, so `citation()` lies inside it. */
export const source = (overrides: Partial<Source> = {}): Source => ({
  rank: 1,
  documentId: 'doc-1',
  documentName: 'handbook.pdf',
  chunkId: 'chunk-1',
  page: 1,
  charStart: 0,
  charEnd: HANDBOOK_TEXT.length,
  score: 0.9,
  text: HANDBOOK_TEXT,
  ...overrides,
});
