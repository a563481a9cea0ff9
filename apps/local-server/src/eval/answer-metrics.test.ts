import { describe, expect, it } from 'vitest';
import { type AnswerCitation, answerHit, answerMetrics, type CitedAnswer, judgeAnswer } from './answer-metrics.ts';
import type { GoldSpan } from './gold-spans.ts';
import type { QuestionOutcome } from './metrics.ts';

const SPAN = 'the default compression level is six';
// Docent's text of a.txt, with the span at 10..47 (its line break a space in the span).
const A_TEXT = `Preamble. The default compression\nlevel is six. Other text follows here.`;
const gold = (doc: string, text: string, start: number, end: number): GoldSpan => ({
  doc,
  text,
  range: { start, end },
});
const cite = (documentName: string, charStart: number, charEnd: number, quote: string): AnswerCitation => ({
  documentName,
  charStart,
  charEnd,
  quote,
});
const answered = (text: string, citations: AnswerCitation[] = []): CitedAnswer => ({
  text,
  abstained: false,
  citations,
});

describe('answerHit', () => {
  const spans = [{ doc: 'a.txt', text: 'The default compression level is six' }];

  it('lenient: the span inside the answer or a quote; strict: also cited from its document', () => {
    const fromElsewhere = answered('The default compression level is six.', [cite('b.txt', 0, 10, 'unrelated')]);
    expect(answerHit(fromElsewhere, spans)).toEqual({ lenient: true, strict: false });
    const cited = answered('It is six [1].', [cite('a.txt', 10, 47, A_TEXT.slice(10, 47))]);
    expect(answerHit(cited, spans)).toEqual({ lenient: true, strict: true });
  });

  it('normalises both sides (whitespace, NFKC) and stays case-sensitive', () => {
    expect(answerHit(answered('The\u00a0default  compression\tlevel is six'), spans).lenient).toBe(true);
    expect(answerHit(answered('the default compression level is six'), spans).lenient).toBe(false);
  });

  it('counts a span running across two adjacent quotes, joined with one space', () => {
    const answer = answered('Two sentences [1][2].', [
      cite('a.txt', 10, 33, 'The default compression'),
      cite('a.txt', 34, 47, 'level is six'),
    ]);
    expect(answerHit(answer, spans)).toEqual({ lenient: true, strict: true });
  });

  it('needs both spans of a multi question, each cited from its own document for strict', () => {
    const multi = [
      { doc: 'a.txt', text: 'level is six' },
      { doc: 'b.txt', text: 'retries back off' },
    ];
    expect(answerHit(answered('level is six', [cite('a.txt', 0, 1, 'x')]), multi).lenient).toBe(false);
    const both = answered('level is six; retries back off', [cite('a.txt', 0, 1, 'x')]);
    expect(answerHit(both, multi)).toEqual({ lenient: true, strict: false });
    expect(answerHit({ ...both, citations: [cite('a.txt', 0, 1, 'x'), cite('b.txt', 0, 1, 'y')] }, multi)).toEqual({
      lenient: true,
      strict: true,
    });
  });

  it('never counts an abstention, nor a question without spans', () => {
    const abstention = { ...answered('The default compression level is six'), abstained: true };
    expect(answerHit(abstention, spans)).toEqual({ lenient: false, strict: false });
    expect(answerHit(answered('anything'), [])).toEqual({ lenient: false, strict: false });
  });
});

describe('judgeAnswer: citations on a gold span', () => {
  const spans = [gold('a.txt', SPAN, 10, 47)];

  it('marks each citation whose range meets the span in the same document', () => {
    const judged = judgeAnswer(
      answered('x', [
        cite('a.txt', 0, 11, 'Preamble. T'), // ends one past the span's start: overlaps
        cite('a.txt', 0, 10, 'Preamble. '), // ends where the span starts: half-open, no overlap
        cite('a.txt', 46, 60, 'x'), // starts on the span's last character
        cite('a.txt', 47, 60, 'x'), // starts where the span ends
        cite('b.txt', 20, 30, 'x'), // the right range in the wrong document
      ]),
      spans,
    );
    expect(judged.citationsOnSpan).toEqual([true, false, true, false, false]);
    expect(judged.chars).toBe(1);
  });

  it('marks nothing on a span that was not found in the text', () => {
    const judged = judgeAnswer(answered('x', [cite('a.txt', 0, 60, 'x')]), [{ ...spans[0], range: null } as GoldSpan]);
    expect(judged.citationsOnSpan).toEqual([false]);
  });
});

describe('answerMetrics', () => {
  const judged = (
    kind: QuestionOutcome['kind'],
    abstained: boolean,
    strict: boolean,
    lenient: boolean,
    chars: number,
    citationsOnSpan: boolean[],
  ): QuestionOutcome => ({ kind, spans: [], abstained, answer: { hit: { strict, lenient }, chars, citationsOnSpan } });
  // Worked out by hand: answerable hits strict 2/5, lenient 3/5; answered lengths 10, 20, 30, 300
  // (median by nearest rank: 20); citations of answered answerable questions 1 + 2 + 1 = 4, two on a span.
  const outcomes = [
    judged('lookup', false, true, true, 10, [true]),
    judged('lookup', true, false, false, 33, []),
    judged('paraphrase', false, false, true, 20, [false, true]),
    judged('multi', false, true, true, 30, [false]),
    judged('multi', true, false, false, 33, [true]), // abstained: its citation does not count
    judged('unanswerable', false, false, false, 300, [false, false]), // answered, but not answerable
    judged('unanswerable', true, false, false, 33, []),
  ];

  it('reports answer hit over the answerable questions, and per kind', () => {
    const m = answerMetrics(outcomes);
    expect(m.hit).toEqual({ questions: 5, strict: 2, lenient: 3, strictShare: 0.4, lenientShare: 0.6 });
    expect(m.byKind.lookup).toEqual({ questions: 2, strict: 1, lenient: 1, strictShare: 0.5, lenientShare: 0.5 });
    expect(m.byKind.paraphrase).toMatchObject({ questions: 1, strict: 0, lenient: 1 });
    expect(m.byKind.multi).toMatchObject({ questions: 2, strict: 1, lenient: 1 });
  });

  it('takes the median length over answered questions and citation precision over answered answerable ones', () => {
    const m = answerMetrics(outcomes);
    expect(m.answered).toBe(4);
    expect(m.medianAnswerChars).toBe(20);
    expect([m.citations, m.citationsOnSpan, m.citationPrecision]).toEqual([4, 2, 0.5]);
  });

  it('is empty, not zero, without answers', () => {
    const m = answerMetrics([{ kind: 'lookup', spans: [] }]);
    expect([m.hit.questions, m.hit.strictShare, m.medianAnswerChars, m.citationPrecision]).toEqual([
      0,
      null,
      null,
      null,
    ]);
  });
});
