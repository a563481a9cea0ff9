import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EvidencePassage } from './answerer.ts';
import { NOT_FOUND_TEXT } from './answerer.ts';
import { ExtractiveAnswerer } from './extractive-answerer.ts';

const passage = (index: number, text: string): EvidencePassage => ({
  index,
  documentId: `doc-${index}`,
  documentName: `doc-${index}.txt`,
  text,
  charStart: 1000 * index,
  score: 1 / index,
});

const XZ = passage(
  1,
  'Select a compression preset level. The default is -6. If multiple presets are specified, the last one takes effect.\nThe memory usage grows with the preset.',
);
const TMUX = passage(
  2,
  'escape-time time Set the time in milliseconds for which tmux waits after an escape is input. The default is 500 milliseconds.',
);
const CURL = passage(
  3,
  'Transient error means either: a timeout, an FTP 4xx response code or an HTTP 408, 429, 500, 502, 503 or 504 response code.',
);

const answerer = new ExtractiveAnswerer();

describe('ExtractiveAnswerer', () => {
  it('is the pure `extractive` gateway', () => {
    expect(answerer.id).toBe('extractive');
  });

  it('quotes the sentence that answers, citing exact offsets into its passage', async () => {
    const draft = await answerer.answer({
      question: 'What is the default compression preset level?',
      passages: [XZ, TMUX],
    });
    expect(draft.abstained).toBe(false);
    expect(draft.citations.length).toBeGreaterThanOrEqual(1);
    const quotes = draft.citations.map((c) => XZ.text.slice(c.start, c.end));
    expect(quotes[0]).toBe('Select a compression preset level.');
    expect(draft.text).toContain('Select a compression preset level.');
    for (const c of draft.citations) expect(c.passageIndex).toBe(1);
  });

  it('adds a second sentence when it covers terms the first one lacks', async () => {
    const draft = await answerer.answer({ question: 'What is the default compression preset level?', passages: [XZ] });
    expect(draft.citations.map((c) => XZ.text.slice(c.start, c.end))).toEqual([
      'Select a compression preset level.',
      'The default is -6.',
    ]);
    expect(draft.text).toBe('Select a compression preset level. The default is -6.');
  });

  it('combines sentences from different passages for a two-part question', async () => {
    const draft = await answerer.answer({
      question: 'What is the tmux escape-time default, and does a timeout count as a transient error?',
      passages: [TMUX, CURL],
    });
    expect(draft.abstained).toBe(false);
    expect(new Set(draft.citations.map((c) => c.passageIndex))).toEqual(new Set([2, 3]));
  });

  it('prefers the sentence of the higher-ranked passage when the match is equal', async () => {
    const same = 'The retry delay doubles each time.';
    const draft = await answerer.answer({
      question: 'Does the retry delay double?',
      passages: [passage(1, same), passage(2, same)],
    });
    expect(draft.citations).toEqual([{ passageIndex: 1, start: 0, end: same.length }]);
  });

  it('abstains without citations when the passages lack most of the question', async () => {
    const draft = await answerer.answer({
      question: 'Which licence covers the wget download manager?',
      passages: [XZ, TMUX],
    });
    expect(draft).toEqual({ text: NOT_FOUND_TEXT, abstained: true, citations: [] });
  });

  it('abstains when there is no evidence or the question has no content terms', async () => {
    expect((await answerer.answer({ question: 'What is the default?', passages: [] })).abstained).toBe(true);
    expect((await answerer.answer({ question: 'What is it?', passages: [XZ] })).abstained).toBe(true);
  });

  it('exposes its thresholds: a stricter coverage turns a partial match into an abstention', async () => {
    const question = 'What is the default escape-time of tmux in the screen emulator?';
    expect((await answerer.answer({ question, passages: [TMUX] })).abstained).toBe(false);
    const strict = new ExtractiveAnswerer({ minCoverage: 0.95, abstainText: 'No.' });
    expect(await strict.answer({ question, passages: [TMUX] })).toMatchObject({ abstained: true, text: 'No.' });
  });

  it('property: every citation is a non-empty, trimmed span inside its passage, at most 3 of them', async () => {
    const words = ['default', 'preset', 'tmux', 'time', 'escape', 'level', 'the', 'is', '-6.', 'error.', '\n'];
    const text = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 80 }).map((w) => w.join(' '));
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 6 }), text, async (texts, question) => {
        const passages = texts.map((t, i) => passage(i + 1, t));
        const draft = await answerer.answer({ question, passages });
        expect(draft.citations.length).toBeLessThanOrEqual(3);
        if (draft.abstained) expect(draft.citations).toEqual([]);
        else expect(draft.citations.length).toBeGreaterThan(0);
        for (const c of draft.citations) {
          const source = passages[c.passageIndex - 1]?.text ?? '';
          const quote = source.slice(c.start, c.end);
          expect(c.end).toBeLessThanOrEqual(source.length);
          expect(quote.length).toBeGreaterThan(0);
          expect(quote).toBe(quote.trim());
        }
      }),
    );
  });
});
