import type { Chunk, ChunkRepository, DocumentText } from '@docent/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeDocumentContent } from '../builders/chunks.ts';
import { uniqueId } from '../builders/unique-id.ts';
import { type Fixture, useFixture } from '../support/use-fixture.ts';

/** What a ChunkRepository adapter's test gives the contract: an empty repository. */
export interface ChunkRepositoryFixture extends Fixture {
  repo: ChunkRepository;
}

const PARAGRAPHS = [
  'Installation requires Node 24.',
  'Run `docent serve` to start — then open http://localhost:3000/.',
  'Ünïcödé, emoji 📄 and CJK 文書 survive the round trip.',
];

const content = (paragraphs: readonly string[] = PARAGRAPHS, owner = uniqueId('owner'), documentId = uniqueId('doc')) =>
  ({ owner, documentId, ...makeDocumentContent({ ownerId: owner, documentId, paragraphs }) }) as const;

const chunkIds = (chunks: readonly Chunk[]): string[] => chunks.map((chunk) => chunk.id);

/** Registers the tests every ChunkRepository must pass. `setup` must return an empty repository. */
export const describeChunkRepositoryContract = (
  adapterName: string,
  setup: () => Promise<ChunkRepositoryFixture>,
): void => {
  describe(`ChunkRepository contract: ${adapterName}`, () => {
    const fixture = useFixture(setup);

    it('stores text and chunks; listForDocument returns the chunks in ordinal order', async () => {
      const { repo } = fixture();
      const { owner, documentId, text, chunks } = content();
      await repo.replaceForDocument(owner, documentId, text, [...chunks].reverse());
      expect(await repo.getText(owner, documentId)).toEqual(text);
      expect(await repo.listForDocument(owner, documentId)).toEqual(chunks);
    });

    it('round-trips text, pages, headings, blocks and optional chunk fields exactly', async () => {
      const { repo } = fixture();
      const owner = uniqueId('owner');
      const documentId = uniqueId('doc');
      const full = 'Guide\nFirst page text with tabs\tand "quotes".\nSecond page: naïve café 📄 文書';
      const text: DocumentText = {
        text: full,
        pages: [
          { page: 1, charStart: 0, charEnd: 46 },
          { page: 2, charStart: 47, charEnd: full.length },
        ],
        headings: [{ level: 1, text: 'Guide', charStart: 0, charEnd: 5 }],
        blocks: [
          { charStart: 0, charEnd: 5 },
          { charStart: 6, charEnd: 46 },
          { charStart: 47, charEnd: full.length },
        ],
      };
      const withExtras: Chunk = {
        id: uniqueId('chunk'),
        documentId,
        ownerId: owner,
        ordinal: 0,
        text: full.slice(0, 46),
        charStart: 0,
        charEnd: 46,
        page: 1,
        heading: 'Guide',
      };
      const plain: Chunk = {
        id: uniqueId('chunk'),
        documentId,
        ownerId: owner,
        ordinal: 1,
        text: full.slice(47),
        charStart: 47,
        charEnd: full.length,
      };
      await repo.replaceForDocument(owner, documentId, text, [withExtras, plain]);
      expect(await repo.getText(owner, documentId)).toEqual(text);
      const [first, second] = await repo.getMany(owner, [withExtras.id, plain.id]);
      expect(first).toEqual(withExtras);
      expect(second).toEqual(plain);
      expect(second?.page).toBeUndefined();
      expect(second?.heading).toBeUndefined();
    });

    it('replaceForDocument is idempotent', async () => {
      const { repo } = fixture();
      const { owner, documentId, text, chunks } = content();
      await repo.replaceForDocument(owner, documentId, text, chunks);
      await repo.replaceForDocument(owner, documentId, text, chunks);
      expect(await repo.getText(owner, documentId)).toEqual(text);
      expect(await repo.listForDocument(owner, documentId)).toEqual(chunks);
      expect(await repo.getMany(owner, chunkIds(chunks))).toEqual(chunks);
    });

    it('replaceForDocument replaces: text and chunks of the previous run disappear', async () => {
      const { repo } = fixture();
      const before = content();
      await repo.replaceForDocument(before.owner, before.documentId, before.text, before.chunks);
      const after = content(['A single new paragraph.'], before.owner, before.documentId);
      await repo.replaceForDocument(after.owner, after.documentId, after.text, after.chunks);
      expect(await repo.getText(before.owner, before.documentId)).toEqual(after.text);
      expect(await repo.listForDocument(before.owner, before.documentId)).toEqual(after.chunks);
      expect(await repo.getMany(before.owner, chunkIds(before.chunks))).toEqual([]);
    });

    it('refuses a chunk of another document or owner with validation_failed, keeping what was stored', async () => {
      const { repo } = fixture();
      const stored = content();
      await repo.replaceForDocument(stored.owner, stored.documentId, stored.text, stored.chunks);
      const next = content(['A paragraph for the same document.'], stored.owner, stored.documentId);
      for (const stray of [content().chunks[0], { ...(content().chunks[0] as Chunk), documentId: stored.documentId }]) {
        await expect(
          repo.replaceForDocument(stored.owner, stored.documentId, next.text, [...next.chunks, stray as Chunk]),
        ).rejects.toMatchObject({ code: 'validation_failed' });
      }
      expect(await repo.getText(stored.owner, stored.documentId)).toEqual(stored.text);
      expect(await repo.listForDocument(stored.owner, stored.documentId)).toEqual(stored.chunks);
    });

    it('getMany returns chunks in the order asked, skipping unknown and foreign ids', async () => {
      const { repo } = fixture();
      const mine = content();
      const theirs = content();
      for (const { owner, documentId, text, chunks } of [mine, theirs]) {
        await repo.replaceForDocument(owner, documentId, text, chunks);
      }
      const [a, b, c] = mine.chunks;
      if (!a || !b || !c) throw new Error('expected three chunks');
      const asked = [c.id, uniqueId('missing'), ...chunkIds(theirs.chunks), a.id, b.id];
      expect(await repo.getMany(mine.owner, asked)).toEqual([c, a, b]);
      expect(await repo.getMany(mine.owner, [])).toEqual([]);
    });

    it('property: getMany keeps any requested order', async () => {
      const { repo } = fixture();
      const stored = content(Array.from({ length: 8 }, (_, i) => `Paragraph number ${i} of the property test.`));
      await repo.replaceForDocument(stored.owner, stored.documentId, stored.text, stored.chunks);
      await fc.assert(
        fc.asyncProperty(fc.shuffledSubarray(stored.chunks), async (wanted) => {
          expect(await repo.getMany(stored.owner, chunkIds(wanted))).toEqual(wanted);
        }),
        { numRuns: 30 },
      );
    });

    it("another owner can neither read nor delete an owner's text and chunks", async () => {
      const { repo } = fixture();
      const mine = content();
      await repo.replaceForDocument(mine.owner, mine.documentId, mine.text, mine.chunks);
      const stranger = uniqueId('owner');
      expect(await repo.getText(stranger, mine.documentId)).toBeNull();
      expect(await repo.listForDocument(stranger, mine.documentId)).toEqual([]);
      expect(await repo.getMany(stranger, chunkIds(mine.chunks))).toEqual([]);
      await repo.deleteForDocument(stranger, mine.documentId);
      expect(await repo.getText(mine.owner, mine.documentId)).toEqual(mine.text);
      expect(await repo.listForDocument(mine.owner, mine.documentId)).toEqual(mine.chunks);
    });

    it('deleteForDocument removes that document only', async () => {
      const { repo } = fixture();
      const gone = content();
      const kept = content(['Another document of the same owner.'], gone.owner);
      for (const { owner, documentId, text, chunks } of [gone, kept]) {
        await repo.replaceForDocument(owner, documentId, text, chunks);
      }
      await repo.deleteForDocument(gone.owner, gone.documentId);
      expect(await repo.getText(gone.owner, gone.documentId)).toBeNull();
      expect(await repo.listForDocument(gone.owner, gone.documentId)).toEqual([]);
      expect(await repo.getMany(gone.owner, chunkIds(gone.chunks))).toEqual([]);
      expect(await repo.listForDocument(kept.owner, kept.documentId)).toEqual(kept.chunks);
      await repo.deleteForDocument(gone.owner, gone.documentId);
    });

    it('answers null and [] for a document it never stored', async () => {
      const { repo } = fixture();
      expect(await repo.getText(uniqueId('owner'), uniqueId('doc'))).toBeNull();
      expect(await repo.listForDocument(uniqueId('owner'), uniqueId('doc'))).toEqual([]);
    });

    it('hands out copies: changing returned chunks changes nothing stored', async () => {
      const { repo } = fixture();
      const { owner, documentId, text, chunks } = content();
      await repo.replaceForDocument(owner, documentId, text, chunks);
      const listed = await repo.listForDocument(owner, documentId);
      const first = listed[0];
      if (!first) throw new Error('no chunks listed');
      first.text = 'mutated';
      const fetchedText = await repo.getText(owner, documentId);
      fetchedText?.pages.push({ page: 9, charStart: 0, charEnd: 1 });
      expect(await repo.listForDocument(owner, documentId)).toEqual(chunks);
      expect(await repo.getText(owner, documentId)).toEqual(text);
    });
  });
};
