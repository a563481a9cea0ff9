import { describe, expect, it } from 'vitest';
import { documentView } from '../../test-support/fixtures.ts';
import {
  ACCEPT,
  acceptedLabels,
  formatSize,
  formatTimeLeft,
  isAskable,
  statusText,
  typeLabel,
} from './document-format.ts';

describe('document format', () => {
  it('formats sizes for people', () => {
    expect([0, 1023, 1024, 1536, 10 * 1024, 5 * 1024 * 1024 + 1, 3 * 1024 ** 3].map(formatSize)).toEqual([
      '0 B',
      '1023 B',
      '1.0 KB',
      '1.5 KB',
      '10 KB',
      '5.0 MB',
      '3.0 GB',
    ]);
  });

  it('reports processing without a known total as 0%', () => {
    const queued = documentView({ status: 'processing', progress: { stage: 'extracting', done: 0, total: 0 } });
    expect(statusText(queued)).toBe('Processing: extracting 0%');
    expect(statusText(documentView({ status: 'failed', error: undefined }))).toBe('Failed: unknown error');
  });

  it('says roughly how long processing has left, when the server estimates it', () => {
    expect([0, 44, 45, 100, 150, 725, 3600, 4800].map(formatTimeLeft)).toEqual([
      'less than a minute left',
      'less than a minute left',
      'about 1 min left',
      'about 2 min left',
      'about 3 min left',
      'about 12 min left',
      'about 1 h left',
      'about 1 h 20 min left',
    ]);
    const embedding = { stage: 'embedding', done: 40, total: 100 };
    expect(statusText(documentView({ status: 'processing', progress: { ...embedding, etaSeconds: 130 } }))).toBe(
      'Processing: embedding 40% · about 2 min left',
    );
    expect(statusText(documentView({ status: 'processing', progress: embedding }))).toBe('Processing: embedding 40%');
  });

  it('says a document still embedding can already be asked about, when the server says it is searchable', () => {
    const embedding = { stage: 'embedding', done: 40, total: 100, etaSeconds: 130 };
    const searchable = documentView({ status: 'processing', searchable: true, progress: embedding });
    expect(statusText(searchable)).toBe('Searchable · embedding 40% · about 2 min left');
    expect(isAskable(searchable)).toBe(true);
    const chunking = documentView({
      status: 'processing',
      searchable: false,
      progress: { stage: 'chunking', done: 0, total: 1 },
    });
    expect(statusText(chunking)).toBe('Processing: chunking 0%');
    expect(isAskable(chunking)).toBe(false);
    expect(isAskable(documentView({ status: 'ready' }))).toBe(true);
  });

  it('names and accepts every format of the registry', () => {
    expect(typeLabel('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('Word');
    expect(typeLabel('application/x-unknown')).toBe('application/x-unknown');
    expect(ACCEPT.split(',')).toEqual(expect.arrayContaining(['.pdf', '.docx', '.md', 'text/html']));
    expect(acceptedLabels()).toMatch(/^PDF, Word, .+ or Text$/);
  });
});
