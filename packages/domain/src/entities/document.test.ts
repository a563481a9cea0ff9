import { describe, expect, it } from 'vitest';
import { type DocumentStatus, isSearchable, type ProcessingStage } from './document.ts';

const state = (status: DocumentStatus, stage: ProcessingStage) => ({ status, progress: { stage, done: 0, total: 1 } });

describe('isSearchable', () => {
  it('holds for ready documents and for processing ones in their embedding stage only', () => {
    const stages: ProcessingStage[] = ['queued', 'extracting', 'chunking', 'indexing', 'embedding', 'done', 'failed'];
    const processing = stages.filter((stage) => isSearchable(state('processing', stage)));
    expect(processing).toEqual(['embedding']);
    expect(isSearchable(state('ready', 'done'))).toBe(true);
    // A failed or merely uploaded document is never searched, whatever its progress says.
    expect(isSearchable(state('failed', 'embedding'))).toBe(false);
    expect(isSearchable(state('uploaded', 'embedding'))).toBe(false);
  });
});
