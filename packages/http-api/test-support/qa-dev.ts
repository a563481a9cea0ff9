import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The shared qa-dev corpus, beside the repository checkout (never copied into it). */
export const QA_DEV_DIR = path.resolve(import.meta.dirname, '../../../../shared/qa-dev');

/** The bytes of one qa-dev document, e.g. `Artistic.txt`. */
export const readQaDevDocument = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(path.join(QA_DEV_DIR, 'docs', name)));
