import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RawDocument } from '@docent/domain';

/** The shared qa-dev set beside the repository (`shared/qa-dev`), resolved from this file. */
export const QA_DEV_DIR = path.resolve(import.meta.dirname, '../../../../shared/qa-dev');

/** The bytes of one qa-dev document. */
export const qaDevDocument = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(path.join(QA_DEV_DIR, 'docs', name)));

/** One answer span of the question set and the document it must be found in. */
export interface AnswerSpan {
  questionId: string;
  document: string;
  span: string;
}

interface QuestionLine {
  id: string;
  doc: string | string[] | null;
  answer_substring: string | string[] | null;
}

const asList = <T>(value: T | T[] | null): T[] => (value === null ? [] : Array.isArray(value) ? value : [value]);

/** Every answer span of `questions.jsonl` (multi questions contribute two). */
export const answerSpans = (): AnswerSpan[] =>
  readFileSync(path.join(QA_DEV_DIR, 'questions.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      const question = JSON.parse(line) as QuestionLine;
      const documents = asList(question.doc);
      return asList(question.answer_substring).map((span, index) => ({
        questionId: question.id,
        document: documents[index] ?? '',
        span,
      }));
    });

/** The qa-dev normal form: NFKC, every whitespace run to one space, trimmed. */
export const normalise = (text: string): string => text.normalize('NFKC').replace(/\s+/g, ' ').trim();

/** A document's blocks joined by spaces, in the qa-dev normal form. */
export const normalisedText = (document: RawDocument): string =>
  normalise(document.blocks.map((block) => block.text).join(' '));
