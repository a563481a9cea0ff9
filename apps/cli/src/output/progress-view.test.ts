import type { DocumentView } from '@docent/http-api';
import { describe, expect, it } from 'vitest';
import { LinesView } from './progress-view.ts';

const document = (status: string, stage: string, done = 0, total = 1): DocumentView => ({
  id: 'd1',
  name: 'a.txt',
  contentType: 'text/plain',
  size: 10,
  sha256: '0'.repeat(64),
  status,
  searchable: false,
  progress: { stage, done, total },
  uploadedAt: '2026-01-01T00:00:00.000Z',
});

describe('LinesView', () => {
  it('writes one line per change of stage, not per unit of progress, and settled files at once', () => {
    const lines: string[] = [];
    const view = new LinesView((line) => lines.push(line));
    view.add('docs/a.txt', document('uploaded', 'queued'));
    view.update('docs/a.txt', document('processing', 'embedding', 1, 10));
    view.update('docs/a.txt', document('processing', 'embedding', 5, 10));
    view.update('docs/a.txt', document('ready', 'done', 10, 10));
    view.add('docs/b.txt', null, 'unchanged');
    expect(lines).toEqual([
      'docs/a.txt: queued',
      'docs/a.txt: embedding',
      'docs/a.txt: ready',
      'docs/b.txt: unchanged',
    ]);
  });
});
