import { describe, expect, it } from 'vitest';
import { createWorld } from '../../test-support/in-memory-world.ts';
import { ReindexDocuments } from './reindex-documents.ts';

const TEXT = 'The default compression preset of xz is level six.';

describe('ReindexDocuments', () => {
  it('queues the caller’s finished documents again and the job runner processes them to ready', async () => {
    const world = createWorld();
    const reindex = new ReindexDocuments(world.ports);
    const alice = await world.user();
    const bob = await world.user();
    const ready = await world.uploadText(alice, 'xz.txt', TEXT);
    const blank = await world.uploadText(alice, 'blank.txt', ' \n \t ');
    const bobs = await world.uploadText(bob, 'bob.txt', TEXT);
    await world.drainJobs();
    const bobsBefore = await world.ports.documents.get(bob.userId, bobs.id);

    const pending = await world.uploadText(alice, 'later.txt', 'Another document, still queued.');
    const outcome = await reindex.execute(alice);
    expect(outcome.queued.map((d) => d.id).sort()).toEqual([ready.id, blank.id].sort());
    expect(outcome.queued.every((d) => d.status === 'uploaded' && d.progress.stage === 'queued')).toBe(true);
    expect(outcome.skipped).toBe(1);
    // Two reindexed documents plus the pending upload (processing, then embedding, except the blank
    // one, which fails); Bob's document is not touched.
    expect(await world.drainJobs()).toBe(5);
    expect((await world.ports.documents.get(alice.userId, ready.id))?.status).toBe('ready');
    expect((await world.ports.documents.get(alice.userId, blank.id))?.status).toBe('failed');
    expect((await world.ports.documents.get(alice.userId, pending.id))?.status).toBe('ready');
    expect(await world.ports.documents.get(bob.userId, bobs.id)).toEqual(bobsBefore);

    // A second reindex is not deduplicated against the first one's jobs.
    expect((await reindex.execute(alice)).queued).toHaveLength(3);
    expect(await world.drainJobs()).toBe(5);
    const answer = await world.ask.execute(alice, { question: 'What is the default compression preset of xz?' });
    expect(answer.citations.map((c) => c.documentId)).toContain(ready.id);
  });
});
