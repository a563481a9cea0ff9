import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../test-support/in-memory-world.ts';
import { ingestQaDocuments } from '../../test-support/qa-dev-documents.ts';
import type { AnswerDraft, Answerer, AnswerRequest } from '../answering/answerer.ts';
import { NOT_FOUND_TEXT } from '../answering/answerer.ts';
import { normalizeWhitespace } from '../documents/normalize-document.ts';
import type { Principal } from '../entities/user.ts';
import { splitQuestion } from '../query/split-question.ts';
import { AskQuestion } from './ask-question.ts';

describe('AskQuestion on real documents', () => {
  let world: World;
  let alice: Principal;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    world = createWorld();
    alice = await world.user();
    Object.assign(ids, await ingestQaDocuments(world, alice));
  });

  it('retrieves the passage and quotes the answer with exact, verified citations', async () => {
    const answer = await world.ask.execute(alice, { question: 'What compression preset does xz use by default?' });
    expect(answer.abstained).toBe(false);
    const span = 'Select a compression preset level. The default is -6.';
    expect(answer.sources.slice(0, 5).some((s) => s.documentName === 'xz.1.txt' && s.text.includes(span))).toBe(true);
    expect(answer.answer).toMatch(/default[^.]*-6/u);
    const text = await world.ports.chunks.getText(alice.userId, ids['xz.1.txt'] ?? '');
    for (const citation of answer.citations) {
      expect(citation.quote).toBe(text?.text.slice(citation.charStart, citation.charEnd));
      expect(citation.documentName).toBe('xz.1.txt');
    }
    expect(answer.sources).toHaveLength(10);
    expect(answer.sources.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('abstains on a near-miss question the documents do not answer', async () => {
    const answer = await world.ask.execute(alice, {
      question: 'How many times does wget retry a failed download by default?',
    });
    expect(answer).toMatchObject({ abstained: true, answer: NOT_FOUND_TEXT, citations: [] });
    expect(answer.sources.length).toBeGreaterThan(0);
  });

  it('answers a question that names a document from that document only', async () => {
    const answer = await world.ask.execute(alice, { question: 'What does the default option do in tmux?' });
    expect(answer.sources.length).toBeGreaterThan(0);
    expect(answer.sources.every((s) => s.documentName === 'tmux.1.txt')).toBe(true);
  });

  it('abstains when the question asks about a version the library does not hold, still listing sources', async () => {
    const answer = await world.ask.execute(alice, {
      question: 'Under the Artistic License 2.0, may I charge a fee for distributing the package?',
    });
    expect(answer).toMatchObject({ abstained: true, answer: NOT_FOUND_TEXT, citations: [] });
    expect(answer.sources[0]?.documentName).toBe('Artistic.txt');
  });

  it('retrieves each part of a two-part question, so both passages are among the sources', async () => {
    const answer = await world.ask.execute(alice, {
      question: 'What compression preset does xz use by default, and what is the default escape-time of tmux?',
    });
    const top = answer.sources.slice(0, 4);
    expect(top.some((s) => s.documentName === 'xz.1.txt' && s.text.includes('The default is -6.'))).toBe(true);
    expect(top.some((s) => s.documentName === 'tmux.1.txt' && s.text.includes('escape-time'))).toBe(true);
  });

  it("hands the answerer a multi-part question's parts and each passage's part", async () => {
    const requests: AnswerRequest[] = [];
    const spy = new AskQuestion({
      ...world.ports,
      answerer: {
        id: 'spy',
        answer: async (request) => {
          requests.push(request);
          return { text: NOT_FOUND_TEXT, abstained: true, citations: [] };
        },
      },
    });
    const question = 'What compression preset does xz use by default, and what is the default escape-time of tmux?';
    await spy.execute(alice, { question });
    await spy.execute(alice, { question: 'What compression preset does xz use by default?' });
    const [twoParts, onePart] = requests;
    expect(twoParts?.parts).toEqual(splitQuestion(question));
    expect(twoParts?.parts).toHaveLength(2);
    expect(twoParts?.passages.slice(0, 2).map((p) => [p.part, p.documentName])).toEqual([
      [0, 'xz.1.txt'],
      [1, 'tmux.1.txt'],
    ]);
    expect(onePart).not.toHaveProperty('parts');
    expect(onePart?.passages.some((p) => 'part' in p)).toBe(false);
  });

  it('limits retrieval to the chosen documents and records the question in history', async () => {
    const question = 'What is the default escape-time?';
    world.clock.advance(60_000);
    const answer = await world.ask.execute(alice, {
      question: `  ${question} `,
      documentIds: [ids['tmux.1.txt'] ?? ''],
      topK: 3,
    });
    expect(answer.sources).toHaveLength(3);
    expect(answer.sources.every((s) => s.documentName === 'tmux.1.txt')).toBe(true);
    expect(normalizeWhitespace(answer.answer)).toContain('The default is 500 milliseconds.');
    const [entry] = (await world.ports.history.list(alice.userId, { limit: 1 })).items;
    expect(entry).toMatchObject({
      question,
      answer: answer.answer,
      abstained: false,
      citations: answer.citations,
      documentIds: [ids['tmux.1.txt']],
      askedAt: world.clock.now().toISOString(),
    });
  });
});

describe('AskQuestion', () => {
  const setUp = async () => {
    const world = createWorld();
    const [alice, bob] = [await world.user(), await world.user()];
    const doc = await world.uploadText(
      alice,
      'a.txt',
      'The default compression preset is level six.\n\nIt uses little memory.',
    );
    await world.drainJobs();
    return { world, alice, bob, doc };
  };

  it('validates the question, topK and the documents', async () => {
    const { world, alice, bob, doc } = await setUp();
    for (const input of [
      { question: '   ' },
      { question: 'x'.repeat(2001) },
      { question: 'ok?', topK: 0 },
      { question: 'ok?', topK: 51 },
      { question: 'ok?', topK: 2.5 },
      { question: 'ok?', documentIds: [''] },
    ]) {
      await expect(world.ask.execute(alice, input)).rejects.toMatchObject({ code: 'validation_failed' });
    }
    await expect(world.ask.execute(alice, { question: `${'x'.repeat(1999)}?` })).resolves.toBeDefined();
    await expect(world.ask.execute(bob, { question: 'ok?', documentIds: [doc.id] })).rejects.toMatchObject({
      code: 'document_not_found',
    });
    await expect(world.ask.execute(alice, { question: 'ok?', documentIds: [doc.id, 'nope'] })).rejects.toMatchObject({
      code: 'document_not_found',
    });
  });

  it('only uses chunks of ready documents', async () => {
    const { world, alice, doc } = await setUp();
    const question = 'What is the default compression preset?';
    expect((await world.ask.execute(alice, { question })).sources).not.toEqual([]);
    await world.ports.documents.update(alice.userId, doc.id, { status: 'processing' });
    expect(await world.ask.execute(alice, { question })).toMatchObject({
      sources: [],
      abstained: true,
      answer: NOT_FOUND_TEXT,
    });
  });

  it('drops citations outside the evidence and abstains when none is left', async () => {
    const { world, alice, doc } = await setUp();
    // An LLM answerer cannot run here; this one cites as badly as a confused model would.
    const scripted = (draft: (request: AnswerRequest) => AnswerDraft): Answerer => ({
      id: 'scripted',
      answer: async (request) => draft(request),
    });
    const question = 'What is the default compression preset?';
    const good = { passageIndex: 1, start: 4, end: 11 };
    const mixed = new AskQuestion({
      ...world.ports,
      answerer: scripted(() => ({
        text: 'Six.',
        abstained: false,
        citations: [
          good,
          good,
          { passageIndex: 1, start: 5, end: 10_000 },
          { passageIndex: 9, start: 0, end: 1 },
          { passageIndex: 1, start: 3, end: 3 },
        ],
      })),
    });
    const answer = await mixed.execute(alice, { question });
    const text = await world.ports.chunks.getText(alice.userId, doc.id);
    const source = answer.sources[0];
    expect(answer.citations).toEqual([
      {
        documentId: doc.id,
        documentName: 'a.txt',
        charStart: (source?.charStart ?? 0) + 4,
        charEnd: (source?.charStart ?? 0) + 11,
        quote: text?.text.slice((source?.charStart ?? 0) + 4, (source?.charStart ?? 0) + 11),
      },
    ]);
    expect(answer.abstained).toBe(false);

    const invalidOnly = new AskQuestion({
      ...world.ports,
      answerer: scripted(() => ({
        text: 'Made up.',
        abstained: false,
        citations: [{ passageIndex: 2, start: 0, end: 4 }],
      })),
    });
    expect(await invalidOnly.execute(alice, { question })).toMatchObject({
      abstained: true,
      answer: NOT_FOUND_TEXT,
      citations: [],
    });
  });

  it('cites the page a quote is on, even when its chunk starts on an earlier page', async () => {
    const world = createWorld();
    const alice = await world.user();
    const filler = 'Nothing to see on this page yet.';
    const pages = [filler, `${filler}\n\nThe nettle soup boils for ten minutes.`, filler];
    const doc = await world.uploadText(alice, 'manual.txt', pages.join('\f'));
    await world.drainJobs();
    expect((await world.ports.documents.get(alice.userId, doc.id))?.pageCount).toBe(3);
    const answer = await world.ask.execute(alice, { question: 'How long does the nettle soup boil?' });
    expect(answer.sources[0]?.page).toBe(1);
    // The reader may widen a short answer by its neighbour (page 1's last line); the quote keeps its own page.
    expect(answer.citations).toContainEqual(
      expect.objectContaining({ page: 2, quote: 'The nettle soup boils for ten minutes.' }),
    );
  });

  it('hands the answerer numbered evidence passages with absolute offsets', async () => {
    const { world, alice, doc } = await setUp();
    const requests: AnswerRequest[] = [];
    const ask = new AskQuestion(
      {
        ...world.ports,
        answerer: {
          id: 'spy',
          answer: async (r) => {
            requests.push(r);
            return { text: NOT_FOUND_TEXT, abstained: true, citations: [] };
          },
        },
      },
      { evidenceCount: 1 },
    );
    await ask.execute(alice, { question: 'What is the default compression preset?' });
    expect(requests[0]?.passages).toEqual([
      {
        index: 1,
        documentId: doc.id,
        documentName: 'a.txt',
        text: 'The default compression preset is level six.\nIt uses little memory.',
        charStart: 0,
        score: expect.any(Number),
      },
    ]);
  });

  it('skips the dense search when its weight is zero, and still answers from BM25', async () => {
    const { world, alice } = await setUp();
    const embedder = { ...world.ports.embedder, modelId: 'unused', embed: async () => expect.fail('embedded') };
    const ask = new AskQuestion({ ...world.ports, embedder }, { denseWeight: 0 });
    const answer = await ask.execute(alice, { question: 'What is the default compression preset?' });
    expect(answer.abstained).toBe(false);
    expect(answer.sources).toHaveLength(1);
  });

  it('reports retrieval, answer and total timings', async () => {
    const { world, alice } = await setUp();
    const ticks = [100, 105, 112, 120];
    const ask = new AskQuestion(world.ports, { elapsed: () => ticks.shift() ?? 0 });
    expect((await ask.execute(alice, { question: 'Which preset?' })).timings).toEqual({
      retrievalMs: 5,
      answerMs: 7,
      totalMs: 20,
    });
  });

  it('property: nobody ever sees another user’s document', async () => {
    const world = createWorld();
    const users = [await world.user(), await world.user(), await world.user()];
    const words = ['preset', 'level', 'memory', 'escape', 'time', 'default', 'licence', 'copy', 'fee'];
    const owned = new Map<string, string>();
    for (const [i, user] of users.entries()) {
      for (let d = 0; d < 3; d++) {
        const text = words.map((w, j) => (j % 3 === (i + d) % 3 ? `${w} ${w}.` : `${w}.`)).join(' ');
        owned.set((await world.uploadText(user, `${i}-${d}.txt`, `${text}\n\nDoc ${i}-${d}.`)).id, user.userId);
      }
    }
    await world.drainJobs();
    await fc.assert(
      fc.asyncProperty(
        fc.nat(2),
        fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 5 }),
        async (u, terms) => {
          const user = users[u] as Principal;
          const answer = await world.ask.execute(user, { question: `${terms.join(' ')}?`, topK: 50 });
          for (const id of [...answer.sources.map((s) => s.documentId), ...answer.citations.map((c) => c.documentId)]) {
            expect(owned.get(id)).toBe(user.userId);
          }
          expect(answer.sources.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 40 },
    );
  });
});
