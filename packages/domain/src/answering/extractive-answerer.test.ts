import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EvidencePassage } from './answerer.ts';
import { NOT_FOUND_TEXT } from './answerer.ts';
import { ExtractiveAnswerer } from './extractive-answerer.ts';

const passage = (index: number, text: string, extra: Partial<EvidencePassage> = {}): EvidencePassage => ({
  index,
  documentId: `doc-${index}`,
  documentName: `doc-${index}.txt`,
  text,
  charStart: 1000 * index,
  score: 1 / index,
  ...extra,
});

const quotes = (
  p: EvidencePassage[],
  draft: { citations: Array<{ passageIndex: number; start: number; end: number }> },
) => draft.citations.map((c) => p[c.passageIndex - 1]?.text.slice(c.start, c.end));

const MEMORY = passage(
  1,
  'MEMORY MANAGEMENT. The block size affects the amount of memory needed for compression and decompression. ' +
    'Larger blocks give better compression. Decompression needs about 3700 kbytes of memory for a 900k block. ' +
    'The small mode halves that.',
);
const OTHER = passage(2, 'Portability of the code depends on the memory model of the compiler used to build it.');
const answerer = new ExtractiveAnswerer({ minSpanChars: 0 });

describe('ExtractiveAnswerer', () => {
  it('is the pure `extractive` gateway', () => {
    expect(answerer.id).toBe('extractive');
  });

  it('quotes the sentence that answers (it holds the amount asked for), not the one that restates the question', async () => {
    const draft = await answerer.answer({
      question: 'How much memory does decompression need?',
      passages: [MEMORY, OTHER],
    });
    expect(draft.abstained).toBe(false);
    expect(draft.text).toBe('Decompression needs about 3700 kbytes of memory for a 900k block.');
    expect(quotes([MEMORY, OTHER], draft)).toEqual([draft.text]);
    expect(draft.citations.every((c) => c.passageIndex === 1)).toBe(true);
  });

  it('answers from one passage rather than stitching sentences of several', async () => {
    const draft = await answerer.answer({
      question: 'How much memory does decompression need for the compiler?',
      passages: [MEMORY, OTHER],
    });
    expect(new Set(draft.citations.map((c) => c.passageIndex)).size).toBe(1);
  });

  it('widens a short answer by neighbouring sentences until it is long enough, within the span limit', async () => {
    const question = 'How much memory does decompression need?';
    const once = await new ExtractiveAnswerer({ minSpanChars: 80 }).answer({ question, passages: [MEMORY] });
    expect(once.text).toBe(
      'Decompression needs about 3700 kbytes of memory for a 900k block. The small mode halves that.',
    );
    const twice = await new ExtractiveAnswerer({ minSpanChars: 120 }).answer({ question, passages: [MEMORY] });
    expect(twice.text).toBe(
      'Larger blocks give better compression. Decompression needs about 3700 kbytes of memory for a 900k block. The small mode halves that.',
    );
    expect(twice.citations).toHaveLength(3);
    const capped = new ExtractiveAnswerer({ minSpanChars: 1000, maxSpanChars: 140 });
    expect((await capped.answer({ question, passages: [MEMORY] })).text.length).toBeLessThanOrEqual(140);
  });

  it('widens by the neighbour that holds more of the question, the next one on a tie', async () => {
    const api = passage(
      1,
      'Returns the ASCII form of the domain. If domain is invalid, the empty string is returned. Added in v7.',
    );
    const wide = new ExtractiveAnswerer({ minSpanChars: 80 });
    const draft = await wide.answer({ question: 'What does it return for an invalid domain name?', passages: [api] });
    expect(draft.text).toBe(
      'Returns the ASCII form of the domain. If domain is invalid, the empty string is returned.',
    );
  });

  it('adds the sentence an answer refers back to, and the label a definition describes', async () => {
    const hash = passage(
      1,
      'SHA9 is a member of the SHA family.\nIt outputs hash values of 32 octets.\nSee also SHA8.',
    );
    const draft = await answerer.answer({ question: 'How many octets of output does SHA9 produce?', passages: [hash] });
    expect(draft.text).toBe('SHA9 is a member of the SHA family.\nIt outputs hash values of 32 octets.');
    const list = passage(1, 'EXIT STATUS\n0\nAll is well.\n2\nSomething worth a warning occurred.');
    const status = await answerer.answer({ question: 'What exit status means a warning occurred?', passages: [list] });
    expect(status.text).toBe('2\nSomething worth a warning occurred.');
  });

  it('never answers with a page number or running header alone', async () => {
    const pdf = passage(1, 'Chapter 7: Reference 53\nThe nonce size is 12 octets.', { heading: '7.2 Nonce size' });
    const draft = await answerer.answer({ question: 'How large is the nonce size?', passages: [pdf] });
    expect(draft.text).toBe('The nonce size is 12 octets.');
  });

  it('gives each part of a multi-part question its own span, from the passages its part brought', async () => {
    const timeout = passage(1, 'Exit code 28 means the operation timed out.', { part: 0 });
    const retry = passage(2, 'A transient error is a timeout or a 5xx response; --retry retries those.', { part: 1 });
    const parts = ['Which exit code means a timeout?', 'Does --retry retry a timeout?'];
    const draft = await answerer.answer({ question: parts.join(' '), parts, passages: [timeout, retry] });
    expect(quotes([timeout, retry], draft)).toEqual([timeout.text, retry.text]);
  });

  it('answers the parts it has evidence for and leaves out the others', async () => {
    const timeout = passage(1, 'Exit code 28 means the operation timed out.', { part: 0 });
    const unrelated = passage(2, 'Colours are chosen by the theme.', { part: 1 });
    const parts = ['Which exit code means a timeout?', 'Which port does the proxy use?'];
    const draft = await answerer.answer({ question: parts.join(' '), parts, passages: [timeout, unrelated] });
    expect(draft.text).toBe(timeout.text);
  });

  it('abstains when the question asks for a number or a date and no passage has one', async () => {
    const prose = passage(1, 'The licence was published by the foundation after a long public review.');
    for (const question of ['On what date was the licence published?', 'How many reviewers published the licence?']) {
      expect(await answerer.answer({ question, passages: [prose] })).toEqual({
        text: NOT_FOUND_TEXT,
        abstained: true,
        citations: [],
      });
    }
  });

  it('abstains when the question names the unit of its answer and no passage mentions it', async () => {
    const options = passage(1, 'To read a model use the option --model. To write the problem use the option --wlp.');
    const question = 'Which option sets a time limit for the solver, in seconds?';
    expect((await answerer.answer({ question, passages: [options] })).abstained).toBe(true);
    const limit = passage(2, 'The option --tmlim sets a time limit for the solver in seconds.');
    const draft = await answerer.answer({ question, passages: [options, limit] });
    expect(draft).toMatchObject({ abstained: false, text: limit.text });
  });

  it('quotes what a sentence ending in a colon introduces, not the colon', async () => {
    const example = passage(
      1,
      'The protocol property may be changed to another special protocol. For instance, changing from http to https works: ' +
        "u.protocol = 'https'; The new protocol is special.",
    );
    const draft = await answerer.answer({
      question: 'Can the protocol property be changed to https?',
      passages: [example],
    });
    expect(draft.text.endsWith(':')).toBe(false);
    expect(draft.text).toContain("u.protocol = 'https';");
  });

  it('abstains when the passages hold too little of the question, or there is nothing to read', async () => {
    const question = 'Which licence covers the wget downloader?';
    expect((await answerer.answer({ question, passages: [MEMORY, OTHER] })).abstained).toBe(true);
    expect((await answerer.answer({ question: 'What is the default?', passages: [] })).abstained).toBe(true);
    expect((await answerer.answer({ question: 'What is it?', passages: [MEMORY] })).abstained).toBe(true);
  });

  it('exposes its thresholds: a stricter coverage turns a partial match into an abstention', async () => {
    const question = 'How much memory does decompression need on a mainframe cluster?';
    expect((await answerer.answer({ question, passages: [MEMORY] })).abstained).toBe(false);
    const strict = new ExtractiveAnswerer({ minCoverage: 0.95, abstainText: 'No.' });
    expect(await strict.answer({ question, passages: [MEMORY] })).toMatchObject({ abstained: true, text: 'No.' });
  });

  it('property: citations are non-empty trimmed spans inside their passages, contiguous per passage', async () => {
    const words = ['default', 'preset', 'memory', 'time', '12', 'level', 'the', 'is', '-6.', 'error.', '\n', 'It'];
    const text = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 80 }).map((w) => w.join(' '));
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 6 }), text, async (texts, question) => {
        const passages = texts.map((t, i) => passage(i + 1, t));
        const draft = await new ExtractiveAnswerer().answer({ question, passages });
        if (draft.abstained) expect(draft.citations).toEqual([]);
        else expect(draft.citations.length).toBeGreaterThan(0);
        for (const c of draft.citations) {
          const quote = passages[c.passageIndex - 1]?.text.slice(c.start, c.end) ?? '';
          expect(quote.length).toBeGreaterThan(0);
          expect(quote).toBe(quote.trim());
          expect(draft.text).toContain(quote);
        }
      }),
    );
  });
});
