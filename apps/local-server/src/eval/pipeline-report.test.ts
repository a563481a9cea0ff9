import { describe, expect, it } from 'vitest';
import type { SetReport } from './evaluate-set.ts';
import { outcomeOf, type QuestionResult, questionResult } from './pipeline.ts';
import { type KindedResult, summarisePipeline } from './pipeline-report.ts';
import type { QaQuestion } from './qa-set.ts';
import { poolSets } from './run-evaluation.ts';

const SPAN = 'the default level is six';
const QUESTION: QaQuestion = { id: 'q', kind: 'lookup', question: '?', spans: [{ doc: 'a.txt', text: SPAN }] };
const GOLD = [{ doc: 'a.txt', text: SPAN, range: { start: 4, end: 28 } }];

// A Docent-like result: the span retrieved at rank 1 or not at all; answered with it, or abstained.
const docentResult = (found: boolean, abstained: boolean, wallMs: number): QuestionResult =>
  questionResult(
    QUESTION,
    {
      passages: [{ documentName: 'a.txt', text: found ? `So, ${SPAN}.` : 'nothing here' }],
      abstained,
      answer: abstained ? 'Not found in your documents.' : `So, ${SPAN}.`,
      citations: abstained ? [] : [{ documentName: 'a.txt', charStart: 0, charEnd: 29, quote: `So, ${SPAN}.` }],
      wallMs,
      serverMs: wallMs / 2,
    },
    GOLD,
  );

describe('questionResult and outcomeOf', () => {
  it('keeps the answer, its hit and its citations for the report, and gives the metrics the same', () => {
    const kept = docentResult(true, false, 12.345);
    expect(kept).toMatchObject({
      spans: [{ lenient: 1, strict: 1 }],
      topDocuments: ['a.txt'],
      abstained: false,
      answerHit: { strict: true, lenient: true },
      citations: [{ documentName: 'a.txt', quote: `So, ${SPAN}.`, onSpan: true }],
      wallMs: 12.3,
    });
    expect(outcomeOf('lookup', kept).answer).toEqual({
      hit: { strict: true, lenient: true },
      chars: SPAN.length + 5,
      citationsOnSpan: [true],
    });
  });

  it('keeps no answer fields for a retrieval-only pipeline', () => {
    const kept = questionResult(QUESTION, { passages: [] }, GOLD);
    expect(kept).toEqual({ spans: [{ lenient: null, strict: null }], topDocuments: [] });
    expect(outcomeOf('lookup', kept)).toEqual({ kind: 'lookup', spans: [{ lenient: null, strict: null }] });
  });
});

describe('pooled figures', () => {
  const lookups = (...results: QuestionResult[]): KindedResult[] =>
    results.map((result) => ({ kind: 'lookup', result }));
  // Set one: 1 question, found and answered. Set two: 3 questions, none found, all abstained.
  const one = lookups(docentResult(true, false, 10));
  const two = lookups(docentResult(false, true, 20), docentResult(false, true, 30), docentResult(false, true, 40));
  const set = (name: string, results: KindedResult[]): SetReport =>
    ({
      name,
      pipelines: [summarisePipeline({ key: 'docent', label: 'Docent' }, results)],
      perQuestion: results.map(({ kind, result }, i) => ({ id: `${name}${i}`, kind, results: { docent: result } })),
    }) as unknown as SetReport;

  it('are computed over the concatenated results, not averaged over sets', () => {
    const pooled = poolSets([set('one', one), set('two', two)]);
    expect(pooled.sets).toEqual(['one', 'two']);
    expect(pooled.questions).toEqual({ lookup: 4, paraphrase: 0, multi: 0, unanswerable: 0, total: 4 });
    const docent = pooled.pipelines[0];
    // Shares are 1 and 0 per set (average 0.5); pooled, 1 of 4.
    expect(docent?.strict.recall[5]).toBe(0.25);
    expect(docent?.answers?.hit).toMatchObject({ questions: 4, strict: 1, strictShare: 0.25 });
    expect(docent?.abstention).toMatchObject({ answerable: 4, answerableAbstained: 3 });
    expect(docent?.answers?.citationPrecision).toBe(1);
    expect(docent?.latency?.wallP50).toBe(20);
    expect(pooled.pipelines[0]).toEqual(summarisePipeline({ key: 'docent', label: 'Docent' }, [...one, ...two]));
  });

  it('keeps only the pipelines every set ran', () => {
    const withBaseline = set('one', one);
    withBaseline.pipelines.push({ ...(withBaseline.pipelines[0] as SetReport['pipelines'][number]), key: 'bm25' });
    expect(poolSets([withBaseline, set('two', two)]).pipelines.map((p) => p.key)).toEqual(['docent']);
  });
});
