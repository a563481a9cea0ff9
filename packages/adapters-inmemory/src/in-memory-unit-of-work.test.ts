import { ManualClock, makeDocument } from '@docent/testing';
import { describe, expect, it } from 'vitest';
import { InMemoryDocumentRepository } from './in-memory-document-repository.ts';
import { InMemoryJobQueue } from './in-memory-job-queue.ts';
import { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';

const setup = () => {
  const documents = new InMemoryDocumentRepository();
  const jobs = new InMemoryJobQueue({ clock: new ManualClock() });
  return { documents, jobs, unit: new InMemoryUnitOfWork([documents, jobs]) };
};

describe('InMemoryUnitOfWork', () => {
  it("runs concurrent units one at a time, so one unit's rollback keeps the other's writes", async () => {
    const { documents, unit } = setup();
    const kept = makeDocument();
    const dropped = makeDocument({ ownerId: kept.ownerId });
    let releaseFirst: () => void = () => {};
    const firstMayFinish = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const failing = unit.run(async () => {
      await documents.create(dropped);
      await firstMayFinish;
      throw new Error('late failure');
    });
    const succeeding = unit.run(() => documents.create(kept));
    releaseFirst();
    await expect(failing).rejects.toThrow('late failure');
    await succeeding;
    expect((await documents.list(kept.ownerId, { limit: 5 })).items).toEqual([kept]);
  });

  it('gives a nested unit its own savepoint instead of deadlocking', async () => {
    const { documents, unit } = setup();
    const outer = makeDocument();
    const inner = makeDocument({ ownerId: outer.ownerId });
    await unit.run(async () => {
      await documents.create(outer);
      await expect(
        unit.run(async () => {
          await documents.create(inner);
          throw new Error('inner failure');
        }),
      ).rejects.toThrow('inner failure');
    });
    expect(await documents.get(outer.ownerId, outer.id)).toEqual(outer);
    expect(await documents.get(outer.ownerId, inner.id)).toBeNull();
  });

  it('rolls back a job enqueued together with its document', async () => {
    const { documents, jobs, unit } = setup();
    const document = makeDocument();
    const spec = { name: 'document.process', key: document.sha256, payload: { documentId: document.id } };
    await expect(
      unit.run(async () => {
        await documents.create(document);
        await jobs.enqueue(spec);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await jobs.claim({ leaseMs: 1000 })).toBeNull();
    expect((await jobs.enqueue(spec)).created).toBe(true);
  });
});
