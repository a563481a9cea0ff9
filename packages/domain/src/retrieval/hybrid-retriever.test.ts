import { beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../test-support/in-memory-world.ts';
import { ingestQaDocuments } from '../../test-support/qa-dev-documents.ts';
import type { Principal } from '../entities/user.ts';
import type { DocumentRepository } from '../ports/document-repository.ts';
import type { LexicalQuery } from '../ports/lexical-index.ts';
import type { VectorQuery } from '../ports/vector-index.ts';
import { HybridRetriever } from './hybrid-retriever.ts';

const TWO_PARTS = 'What compression preset does xz use by default, and what is the default escape-time of tmux?';

/** The repository with a count of its reads of document lists. */
const countingReads = (documents: DocumentRepository) => {
  const reads = { list: 0, getMany: 0 };
  const counting: DocumentRepository = Object.assign(Object.create(documents), {
    list: (...args: Parameters<DocumentRepository['list']>) => {
      reads.list += 1;
      return documents.list(...args);
    },
    getMany: (...args: Parameters<DocumentRepository['getMany']>) => {
      reads.getMany += 1;
      return documents.getMany(...args);
    },
  });
  return { counting, reads };
};

describe('HybridRetriever', () => {
  let world: World;
  let alice: Principal;
  let retriever: HybridRetriever;
  const ids: Record<string, string> = {};
  const namesOf = (ranked: readonly { document: { name: string } }[]) => new Set(ranked.map((r) => r.document.name));

  beforeAll(async () => {
    world = createWorld();
    alice = await world.user();
    Object.assign(ids, await ingestQaDocuments(world, alice));
    retriever = new HybridRetriever(world.ports);
  });

  it('searches only the documents a question names, or the documentIds it is limited to', async () => {
    const named = await retriever.retrieve(alice.userId, 'What does the default option do in tmux?');
    expect(named.ranked.length).toBeGreaterThan(0);
    expect(namesOf(named.ranked)).toEqual(new Set(['tmux.1.txt']));
    const all = await retriever.retrieve(alice.userId, 'What is the default?');
    expect(namesOf(all.ranked).size).toBeGreaterThan(1);
    const limited = await retriever.retrieve(alice.userId, 'What is the default?', [ids['xz.1.txt'] ?? '']);
    expect(limited.ranked.length).toBeGreaterThan(0);
    expect(namesOf(limited.ranked)).toEqual(new Set(['xz.1.txt']));
  });

  it('keeps to the scope even when the indexes ignore it', async () => {
    // Both searches drop the scope they are given, as a careless adapter might.
    const { lexical, vectors } = world.ports;
    const leaky = new HybridRetriever({
      ...world.ports,
      lexical: Object.assign(Object.create(lexical), {
        search: ({ documentIds: _, ...query }: LexicalQuery) => lexical.search(query),
      }),
      vectors: Object.assign(Object.create(vectors), {
        search: ({ documentIds: _, ...query }: VectorQuery) => vectors.search(query),
      }),
    });
    const named = await leaky.retrieve(alice.userId, 'What does the default option do in tmux?');
    expect(named.ranked.length).toBeGreaterThan(0);
    expect(namesOf(named.ranked)).toEqual(new Set(['tmux.1.txt']));
    const limited = await leaky.retrieve(alice.userId, TWO_PARTS, [ids['Artistic.txt'] ?? '']);
    expect(limited.ranked.length).toBeGreaterThan(0);
    expect(namesOf(limited.ranked)).toEqual(new Set(['Artistic.txt']));
  });

  it("tags each chunk of a two-part question with the part that brought it, each part's best near the top", async () => {
    const { ranked, parts } = await retriever.retrieve(alice.userId, TWO_PARTS);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toContain('xz');
    expect(parts[1]).toContain('tmux');
    expect(ranked.every((item) => item.part === 0 || item.part === 1)).toBe(true);
    const [first, second] = ranked;
    expect(first).toMatchObject({ part: 0, document: { name: 'xz.1.txt' } });
    expect(first?.chunk.text).toContain('The default is -6.');
    expect(second).toMatchObject({ part: 1, document: { name: 'tmux.1.txt' } });
    expect(second?.chunk.text).toContain('escape-time');
    const single = await retriever.retrieve(alice.userId, 'What compression preset does xz use by default?');
    expect(single.parts).toEqual(['What compression preset does xz use by default?']);
    expect(single.ranked.some((item) => 'part' in item)).toBe(false);
  });

  it('asks each named document when one question names several, each part within its document', async () => {
    const question = 'Under xz and under tmux, which default applies?';
    const { ranked, parts } = await retriever.retrieve(alice.userId, question);
    expect(parts).toEqual([question, question]);
    expect(new Set(ranked.filter((item) => item.part === 0).map((item) => item.document.name)).size).toBe(1);
    expect(new Set(ranked.filter((item) => item.part === 1).map((item) => item.document.name)).size).toBe(1);
    expect(namesOf(ranked.slice(0, 2))).toEqual(new Set(['xz.1.txt', 'tmux.1.txt']));
  });

  it('searches every document for a part that names none, whatever the other part names', async () => {
    const question = 'What compression preset does xz use by default, and which licence lets me charge a fee?';
    const { ranked, parts } = await retriever.retrieve(alice.userId, question);
    expect(parts).toHaveLength(2);
    const second = ranked.filter((item) => item.part === 1);
    expect(second[0]?.document.name).toBe('Artistic.txt');
  });

  it('returns chunks of ready documents only', async () => {
    const own = createWorld();
    const bob = await own.user();
    const ready = await own.uploadText(bob, 'ready.txt', 'The default compression preset is level six.');
    const busy = await own.uploadText(bob, 'busy.txt', 'The default compression preset is level nine.');
    await own.drainJobs();
    await own.ports.documents.update(bob.userId, busy.id, { status: 'processing' });
    const question = 'What is the default compression preset?';
    const { ranked } = await new HybridRetriever(own.ports).retrieve(bob.userId, question);
    expect(ranked.map((item) => item.document.id)).toEqual([ready.id]);
    const limited = await new HybridRetriever(own.ports).retrieve(bob.userId, question, [busy.id]);
    expect(limited.ranked).toEqual([]);
  });

  it('reads the document list once per question, however many parts it has', async () => {
    const { counting, reads } = countingReads(world.ports.documents);
    const counted = new HybridRetriever({ ...world.ports, documents: counting });
    const whole = await counted.retrieve(alice.userId, TWO_PARTS);
    expect(whole.parts).toHaveLength(2);
    expect(reads).toEqual({ list: 1, getMany: 0 });
    const scoped = await counted.retrieve(alice.userId, TWO_PARTS, [ids['xz.1.txt'] ?? '', ids['tmux.1.txt'] ?? '']);
    expect(scoped.ranked.length).toBeGreaterThan(0);
    expect(reads).toEqual({ list: 1, getMany: 1 });
  });
});
