import { describe, expect, it } from 'vitest';
import { createWorld } from '../../test-support/in-memory-world.ts';
import { JOB_NAMES } from '../jobs/pipeline.ts';
import { DocumentCatalog } from './document-catalog.ts';

describe('DocumentCatalog', () => {
  it("lists the owner's ready documents, reads each text once, and rebuilds a reprocessed one", async () => {
    const world = createWorld();
    const [alice, bob] = [await world.user(), await world.user()];
    const first = await world.uploadText(alice, 'tool.1.txt', 'NAME\n\ntool - does one thing well');
    const second = await world.uploadText(alice, 'other.md', '# Other\n\nSomething else.');
    await world.uploadText(bob, 'foreign.txt', 'Not yours.');
    await world.drainJobs();
    const pending = await world.uploadText(alice, 'pending.txt', 'Not processed yet.');
    let reads = 0;
    const chunks = world.ports.chunks;
    const counting = Object.assign(Object.create(chunks), {
      getText: async (...args: Parameters<typeof chunks.getText>) => {
        reads += 1;
        return chunks.getText(...args);
      },
    });
    const catalog = new DocumentCatalog({ documents: world.ports.documents, chunks: counting });
    const names = async (ids?: string[]) =>
      (await catalog.searchable(alice.userId, ids)).entries.map((e) => e.name).sort();
    expect(await names()).toEqual(['other.md', 'tool.1.txt']);
    expect(reads).toBe(2);
    expect(await names([second.id])).toEqual(['other.md']);
    expect(reads).toBe(2);
    world.clock.advance(1000);
    await world.processor.run({ ownerId: alice.userId, documentId: first.id });
    expect(await names()).toEqual(['other.md', 'tool.1.txt']);
    expect(reads).toBe(3);
    // Its embedding job; the pending upload's processing job stays queued.
    expect(await world.runner.runNext({ names: [JOB_NAMES.embedDocument] })).toBe(true);
    const { records } = await catalog.searchable(alice.userId, [first.id, pending.id]);
    expect([...records.keys()]).toEqual([first.id]);
    expect(records.get(first.id)).toMatchObject({ name: 'tool.1.txt', status: 'ready' });
  });
});
