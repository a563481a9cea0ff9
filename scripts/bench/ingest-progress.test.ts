import { describe, expect, it } from 'vitest';
import { finishedS } from './ingest-progress.ts';

const started = Date.parse('2026-12-07T10:00:00.000Z');
const ready = (readyAt: string) => ({ id: readyAt, name: 'f.txt', status: 'ready', readyAt });

describe('finishedS: an ingest ends at its last readyAt stamp, not at the poll that saw it', () => {
  it('is the latest stamp, in seconds from the start, whatever the listing order', () => {
    const documents = [
      ready('2026-12-07T10:00:13.250Z'),
      ready('2026-12-07T10:00:14.125Z'),
      ready('2026-12-07T10:00:02.000Z'),
    ];
    expect(finishedS(documents, started)).toBe(14.125);
  });

  it('leaves the poll time standing when a document failed or carries no stamp', () => {
    const failed = { id: 'x', name: 'x.pdf', status: 'failed' };
    expect(finishedS([ready('2026-12-07T10:00:05.000Z'), failed], started)).toBeUndefined();
    expect(finishedS([{ id: 'y', name: 'y.txt', status: 'ready' }], started)).toBeUndefined();
    expect(finishedS([ready('not a date')], started)).toBeUndefined();
  });

  it('is undefined for no documents, and never negative when clocks disagree by a few ms', () => {
    expect(finishedS([], started)).toBeUndefined();
    expect(finishedS([ready('2026-12-07T09:59:59.998Z')], started)).toBe(0);
  });
});
