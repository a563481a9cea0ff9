import { describe, expect, it } from 'vitest';
import { createWorld } from '../../test-support/in-memory-world.ts';

describe('SearchDocuments', () => {
  it('ranks the caller’s passages as an answer’s sources would be, records nothing and shows nobody else’s', async () => {
    const world = createWorld();
    const [alice, bob] = [await world.user(), await world.user()];
    const xz = await world.uploadText(alice, 'xz.txt', 'The default compression preset of xz is level six.');
    await world.uploadText(alice, 'tmux.txt', 'Tmux waits 500 milliseconds after an escape key.');
    await world.uploadText(bob, 'bob.txt', 'Bob keeps notes on the compression preset of gzip.');
    await world.drainJobs();
    const question = 'default compression preset of xz';

    const found = await world.useCases.searchDocuments.execute(alice, { query: question, topK: 2 });
    const asked = await world.ask.execute(alice, { question, topK: 2 });

    expect(found.map((source) => source.documentId)).toEqual(asked.sources.map((source) => source.documentId));
    expect(found[0]).toMatchObject({ rank: 1, documentId: xz.id, documentName: 'xz.txt' });
    expect(found.map((source) => source.rank)).toEqual(found.map((_, i) => i + 1));
    expect(found.length).toBeLessThanOrEqual(2);
    const history = await world.ports.history.list(alice.userId, { limit: 10 });
    expect(history.items.map((entry) => entry.question)).toEqual([question]);
    const bobs = await world.useCases.searchDocuments.execute(bob, { query: question });
    expect(new Set(bobs.map((source) => source.documentName))).toEqual(new Set(['bob.txt']));
  });

  it('refuses an empty query and documents the caller does not have', async () => {
    const world = createWorld();
    const alice = await world.user();
    const search = world.useCases.searchDocuments;
    await expect(search.execute(alice, { query: '  ' })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(search.execute(alice, { query: 'xz', documentIds: ['nope'] })).rejects.toMatchObject({
      code: 'document_not_found',
    });
  });
});
