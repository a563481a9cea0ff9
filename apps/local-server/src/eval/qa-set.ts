import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The four question kinds of a qa-dev style set. */
export const QUESTION_KINDS = ['lookup', 'paraphrase', 'multi', 'unanswerable'] as const;

export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** One answer span: a verbatim passage of the named document. */
export interface AnswerSpan {
  doc: string;
  text: string;
}

/** A question with the spans that answer it (none for `unanswerable`, two for `multi`). */
export interface QaQuestion {
  id: string;
  kind: QuestionKind;
  question: string;
  spans: AnswerSpan[];
}

/** A QA set on disk: the documents to index and the questions. */
export interface QaSet {
  dir: string;
  /** File names in `docs/`, sorted. */
  documents: string[];
  questions: QaQuestion[];
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === null ? [] : [value]);

const SPAN_COUNT: Record<QuestionKind, number> = { lookup: 1, paraphrase: 1, multi: 2, unanswerable: 0 };

/** Parses one line of `questions.jsonl`; throws naming the line when it breaks the README's schema. */
export const parseQuestion = (line: string, lineNumber: number): QaQuestion => {
  const fail = (why: string): never => {
    throw new Error(`questions.jsonl line ${lineNumber}: ${why}`);
  };
  let raw: Record<string, unknown> = {};
  try {
    raw = JSON.parse(line) as Record<string, unknown>;
  } catch {
    fail('not JSON');
  }
  const { id, kind, question } = raw;
  if (typeof id !== 'string' || typeof question !== 'string') return fail('id and question must be strings');
  if (!QUESTION_KINDS.includes(kind as QuestionKind)) return fail(`unknown kind ${JSON.stringify(kind)}`);
  const docs = asList(raw.doc);
  const texts = asList(raw.answer_substring);
  const expected = SPAN_COUNT[kind as QuestionKind];
  if (docs.length !== expected || texts.length !== expected) fail(`a ${kind} question needs ${expected} doc/span`);
  const spans = docs.map((doc, i) => {
    const text = texts[i];
    if (typeof doc !== 'string' || typeof text !== 'string') return fail('doc and answer_substring must be strings');
    return { doc, text };
  });
  return { id, kind: kind as QuestionKind, question, spans };
};

/** Reads `<dir>/questions.jsonl` and lists `<dir>/docs`. */
export const loadQaSet = async (dir: string): Promise<QaSet> => {
  const lines = (await readFile(path.join(dir, 'questions.jsonl'), 'utf8')).split('\n');
  const questions = lines.flatMap((line, i) => (line.trim() === '' ? [] : [parseQuestion(line, i + 1)]));
  const entries = await readdir(path.join(dir, 'docs'), { withFileTypes: true });
  const documents = entries
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
  const missing = questions.flatMap((q) => q.spans.map((s) => s.doc)).filter((doc) => !documents.includes(doc));
  if (missing.length > 0) throw new Error(`questions name documents missing from docs/: ${[...new Set(missing)]}`);
  return { dir, documents, questions };
};
