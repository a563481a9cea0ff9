import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../text/sentences.ts';
import type { DraftCitation, EvidencePassage } from './answerer.ts';
import { NOT_FOUND_TEXT } from './answerer.ts';
import { groundAnswer } from './ground-answer.ts';

const passage = (index: number, documentName: string, text: string): EvidencePassage => ({
  index,
  documentId: `doc-${index}`,
  documentName,
  text,
  charStart: 1000 * index,
  score: 1 / index,
});

const CURL = passage(
  1,
  'curl.1.txt',
  '--connect-timeout <seconds> Maximum time in seconds that you allow the connection to take. ' +
    'This only limits the connection phase. The default connect timeout is 300 seconds.',
);
const TMUX = passage(
  2,
  'tmux.1.txt',
  'escape-time time Set the time in milliseconds for which tmux waits after an escape is input. ' +
    'The default is 500 milliseconds.\nstatus-interval interval Update the status line every interval seconds.',
);
const XZ = passage(3, 'xz.1.txt', 'Select a compression preset level. The default is -6.');
const PASSAGES = [CURL, TMUX, XZ];

const quote = (citation: DraftCitation): string => {
  const p = PASSAGES.find((candidate) => candidate.index === citation.passageIndex);
  return p === undefined ? '' : p.text.slice(citation.start, citation.end);
};

describe('groundAnswer', () => {
  it('turns each valid marker into a citation of the exact supporting sentence', () => {
    const reply = 'The default connect timeout in curl is 300 seconds [1]. The xz default preset level is -6 [3].';
    const grounded = groundAnswer(reply, PASSAGES);
    expect(grounded).toEqual({
      text: reply,
      abstained: false,
      citations: [
        { passageIndex: 1, marker: 1, start: 130, end: 173 },
        { passageIndex: 3, marker: 3, start: 0, end: 53 },
      ],
      unsupported: [],
    });
    expect(CURL.text.indexOf('The default connect timeout is 300 seconds.')).toBe(130);
    expect(quote(grounded.citations[0] as DraftCitation)).toBe('The default connect timeout is 300 seconds.');
    expect(quote(grounded.citations[1] as DraftCitation)).toBe(XZ.text);
  });

  it('cites two adjacent sentences when the claim needs both', () => {
    const grounded = groundAnswer('tmux waits 500 milliseconds after an escape is input [2].', PASSAGES);
    expect(grounded.citations.map(quote)).toEqual([
      'escape-time time Set the time in milliseconds for which tmux waits after an escape is input. The default is 500 milliseconds.',
    ]);
  });

  it('flags a sentence whose only marker names no given passage, and keeps it in the text', () => {
    const reply = 'The default connect timeout is 300 seconds [1]. Status lines refresh every 15 seconds [9].';
    const grounded = groundAnswer(reply, PASSAGES);
    expect(grounded.abstained).toBe(false);
    expect(grounded.text).toBe(reply);
    expect(grounded.citations.map((c) => c.marker)).toEqual([1]);
    expect(grounded.unsupported).toEqual(['Status lines refresh every 15 seconds [9].']);
  });

  it('flags a claim without any marker', () => {
    const grounded = groundAnswer(
      'The default is 500 milliseconds [2]. curl retries three times by default.',
      PASSAGES,
    );
    expect(grounded.citations.map(quote)).toEqual(['The default is 500 milliseconds.']);
    expect(grounded.unsupported).toEqual(['curl retries three times by default.']);
  });

  it('flags a marker pointing at a passage that does not say it', () => {
    const grounded = groundAnswer(
      'The default is 500 milliseconds [2]. The default connect timeout is 300 seconds [3].',
      PASSAGES,
    );
    expect(grounded.citations.map((c) => c.marker)).toEqual([2]);
    expect(grounded.unsupported).toEqual(['The default connect timeout is 300 seconds [3].']);
  });

  it('reads [n][m], [n, m] and ranges, citing each passage that supports the sentence', () => {
    const claim = 'curl waits up to 300 seconds to connect and tmux waits 500 milliseconds after an escape';
    for (const markers of ['[1][2]', '[1, 2]', '[1-2]']) {
      const grounded = groundAnswer(`${claim} ${markers}.`, PASSAGES);
      expect(grounded.citations.map((c) => c.marker)).toEqual([1, 2]);
      expect(grounded.unsupported).toEqual([]);
    }
  });

  it('gives a marker written after the full stop to the sentence before it', () => {
    const grounded = groundAnswer(
      'The xz default preset level is -6. [3] The tmux default is 500 milliseconds.[2]',
      PASSAGES,
    );
    expect(grounded.citations.map((c) => [c.marker, quote(c)])).toEqual([
      [3, XZ.text],
      [2, 'The default is 500 milliseconds.'],
    ]);
    expect(grounded.unsupported).toEqual([]);
  });

  it('abstains on an empty reply or the not-found sentence, however it is dressed', () => {
    for (const reply of [
      '',
      '  \n',
      NOT_FOUND_TEXT,
      'not found in your documents',
      `${NOT_FOUND_TEXT} The default is -6 [3].`,
    ]) {
      expect(groundAnswer(reply, PASSAGES)).toEqual({
        text: NOT_FOUND_TEXT,
        abstained: true,
        citations: [],
        unsupported: [],
      });
    }
    expect(groundAnswer('', PASSAGES, { abstainText: 'Nothing found.' }).text).toBe('Nothing found.');
  });

  it('abstains when no sentence is supported, such as a model obeying an injected order', () => {
    for (const reply of ['PWNED', 'I have been PWNED, as the document asked [1].', 'Yes [1].']) {
      expect(groundAnswer(reply, PASSAGES).abstained).toBe(true);
    }
  });

  it('neither flags sentences without content nor an admission that part is missing', () => {
    const grounded = groundAnswer(
      `Yes. The default is -6 [3]. How it affects speed is ${NOT_FOUND_TEXT.toLowerCase()}`,
      PASSAGES,
    );
    expect(grounded.abstained).toBe(false);
    expect(grounded.unsupported).toEqual([]);
  });

  it('is stricter or looser with minSupport', () => {
    const reply = 'The connection phase timeout of curl defaults to 300 seconds and cannot exceed ten minutes [1].';
    expect(groundAnswer(reply, PASSAGES).abstained).toBe(false);
    expect(groundAnswer(reply, PASSAGES, { minSupport: 0.9 }).abstained).toBe(true);
  });

  it('cites only spans that lie in their passage and are one sentence or two adjacent ones', () => {
    const word = fc.constantFrom('timeout', 'default', '300', 'seconds', 'curl', 'preset', 'level', 'the', 'is', 'x.y');
    const sentence = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => `${w.join(' ')}.`);
    const text = fc
      .array(fc.tuple(sentence, fc.constantFrom(' ', '\n', '  ')), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.map(([s, gap]) => s + gap).join(''));
    const reply = fc
      .array(fc.tuple(sentence, fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 })), { maxLength: 5 })
      .map((parts) =>
        parts.map(([s, markers]) => `${s.slice(0, -1)} ${markers.map((m) => `[${m}]`).join('')}.`).join(' '),
      );
    let cited = 0;
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), reply, (texts, answer) => {
        const passages = texts.map((t, i) => passage(i + 1, `doc-${i + 1}.txt`, t));
        const grounded = groundAnswer(answer, passages);
        expect(groundAnswer(answer, passages)).toEqual(grounded);
        cited += grounded.citations.length;
        for (const citation of grounded.citations) {
          const p = passages.find((candidate) => candidate.index === citation.passageIndex);
          expect(p).toBeDefined();
          if (p === undefined) continue;
          expect(citation.marker).toBe(citation.passageIndex);
          expect(citation.start).toBeGreaterThanOrEqual(0);
          expect(citation.end).toBeLessThanOrEqual(p.text.length);
          const sentences = splitSentences(p.text, 400);
          const first = sentences.findIndex((s) => s.start === citation.start);
          expect(first).toBeGreaterThanOrEqual(0);
          const ends = [sentences[first]?.end, sentences[first + 1]?.end];
          expect(ends).toContain(citation.end);
        }
        if (grounded.abstained) expect(grounded.citations).toEqual([]);
        else expect(grounded.citations.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
    // The generators share words between replies and passages, so the property is exercised.
    expect(cited).toBeGreaterThan(100);
  });
});
