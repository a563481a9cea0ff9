import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTemporaryStore, type TemporaryStore } from '../../test-support/temporary-store.ts';
import { CommonTerms } from './common-terms.ts';
import { openDatabase } from './open-database.ts';
import { SqliteUnitOfWork } from './sqlite-unit-of-work.ts';

const OWNER = 'owner';

describe('CommonTerms', () => {
  let temporary: TemporaryStore;
  afterEach(() => temporary.cleanup());

  /** 60 chunks that all say "manual"; "lamp" in every third chunk (10 of each document), "page" in one. */
  const seed = async () => {
    temporary = openTemporaryStore();
    await temporary.store.LexicalIndex.add(
      Array.from({ length: 60 }, (_, i) => ({
        chunkId: `c${i}`,
        documentId: `d${i % 2}`,
        ownerId: OWNER,
        text: `manual ${i % 3 === 0 ? 'lamp' : ''} ${i === 7 ? 'page' : ''}`,
        documentName: '',
      })),
    );
    // A second connection to the same file, as an ask worker holds.
    const db = openDatabase(path.join(temporary.dataDir, 'docent.db'), { dimensions: 16 });
    return { db, common: new CommonTerms(db, new SqliteUnitOfWork(db), { floor: 9 }) };
  };

  it('knows no term until its first pass, then holds the terms in more than floor chunks', async () => {
    const { db, common } = await seed();
    expect(common.current()).toEqual({ frequencies: new Map(), rows: 0, floor: Number.POSITIVE_INFINITY });
    await common.refresh();
    expect(common.current()).toEqual({
      frequencies: new Map([
        ['manual', 60],
        ['lamp', 20],
      ]),
      rows: 60,
      floor: 9,
    });
    db.close();
  });

  it('waits for the first pass once, and only for the first: later changes wait for a refresh', async () => {
    const { db, common } = await seed();
    await common.firstPass();
    const first = common.current();
    expect(first.frequencies.get('manual')).toBe(60);
    await temporary.store.LexicalIndex.deleteDocument(OWNER, 'd0');
    await common.firstPass();
    expect(common.current()).toBe(first);
    await common.refresh();
    expect(common.current().frequencies.get('manual')).toBe(30);
    db.close();
  });

  it('follows deletions on the next pass', async () => {
    const { db, common } = await seed();
    await common.refresh();
    await temporary.store.LexicalIndex.deleteDocument(OWNER, 'd0');
    await common.refresh();
    expect(common.current()).toEqual({
      frequencies: new Map([
        ['manual', 30],
        ['lamp', 10],
      ]),
      rows: 30,
      floor: 9,
    });
    db.close();
  });
});
