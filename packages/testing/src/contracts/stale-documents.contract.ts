import type { DocumentRecord, DocumentRepository } from '@docent/domain';
import { expect, it } from 'vitest';
import { makeDocument } from '../builders/documents.ts';
import type { ManualClock } from '../builders/manual-clock.ts';
import { uniqueId } from '../builders/unique-id.ts';
import { collectPages } from '../support/collect-pages.ts';

const SECOND = 1000;
const at = (seconds: number) => new Date(Date.parse('2024-01-01T00:00:00.000Z') + seconds * SECOND);
const ids = (documents: readonly DocumentRecord[]): string[] => documents.map((document) => document.id);

/**
 * The `listStale` and `sweeps` part of the DocumentRepository contract, registered inside its
 * `describe`: `repo` reads time from `clock`, which starts at 2024-01-01T00:00:00Z in every test.
 */
export const describeStaleDocumentsContract = (fixture: () => { repo: DocumentRepository; clock: ManualClock }) => {
  it('listStale lists every owner’s documents of one status last changed before the instant, oldest change first', async () => {
    const { repo, clock } = fixture();
    const prefix = uniqueId('doc');
    const make = (suffix: string) => makeDocument({ id: `${prefix}-${suffix}` });
    const [a, b, c, d] = [make('a'), make('b'), make('c'), make('d')];
    for (const document of [c, a, b, d]) await repo.create(document);
    clock.set(at(10));
    await repo.update(b.ownerId, b.id, { status: 'processing', progress: { stage: 'extracting', done: 0, total: 1 } });
    await repo.update(d.ownerId, d.id, { status: 'ready' });
    clock.set(at(20));
    const e = make('e');
    await repo.create(e);
    const before = (seconds: number) => at(seconds).toISOString();

    const uploaded = await repo.listStale({ status: 'uploaded', changedBefore: before(15), limit: 10 });
    expect(ids(uploaded.items)).toEqual([a.id, c.id]);
    expect(uploaded.items[0]).toEqual(a);
    expect(uploaded.nextCursor).toBeNull();
    expect(ids((await repo.listStale({ status: 'uploaded', changedBefore: before(25), limit: 10 })).items)).toEqual([
      a.id,
      c.id,
      e.id,
    ]);
    expect(ids((await repo.listStale({ status: 'processing', changedBefore: before(15), limit: 10 })).items)).toEqual([
      b.id,
    ]);
    // Strictly before: a change at the instant itself is not stale yet.
    expect((await repo.listStale({ status: 'processing', changedBefore: before(10), limit: 10 })).items).toEqual([]);
  });

  it('listStale counts any update as a change, and forgets deleted documents', async () => {
    const { repo, clock } = fixture();
    const [a, b, c] = [makeDocument(), makeDocument(), makeDocument()];
    for (const document of [a, b, c]) await repo.create(document);
    clock.set(at(30));
    await repo.update(a.ownerId, a.id, { progress: { stage: 'queued', done: 0, total: 1 } });
    await repo.delete(c.ownerId, c.id);
    const stale = await repo.listStale({ status: 'uploaded', changedBefore: at(20).toISOString(), limit: 10 });
    expect(ids(stale.items)).toEqual([b.id]);
  });

  it('listStale pages through the stale documents without duplicates or gaps', async () => {
    const { repo, clock } = fixture();
    const created: DocumentRecord[] = [];
    for (let i = 0; i < 7; i++) {
      clock.set(at(i % 3));
      const document = makeDocument({ status: 'processing' });
      await repo.create(document);
      created.push(document);
    }
    const changedBefore = at(5).toISOString();
    const all = await collectPages((page) => repo.listStale({ status: 'processing', changedBefore, ...page }), 2);
    const expected = created
      .map((document, i) => ({ document, seconds: i % 3 }))
      .sort((x, y) => x.seconds - y.seconds || (x.document.id < y.document.id ? -1 : 1))
      .map(({ document }) => document.id);
    expect(ids(all)).toEqual(expected);
  });

  it('update sets the sweeper’s attempts, and sweeps: 0 removes them', async () => {
    const { repo } = fixture();
    const document = makeDocument();
    await repo.create(document);
    expect((await repo.update(document.ownerId, document.id, { sweeps: 2 }))?.sweeps).toBe(2);
    expect((await repo.get(document.ownerId, document.id))?.sweeps).toBe(2);
    expect((await repo.update(document.ownerId, document.id, { status: 'processing' }))?.sweeps).toBe(2);
    expect(await repo.update(document.ownerId, document.id, { sweeps: 0 })).toEqual({
      ...document,
      status: 'processing',
    });
    expect(await repo.get(document.ownerId, document.id)).toEqual({ ...document, status: 'processing' });
  });
};
