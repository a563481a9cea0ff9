import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The shared development set, beside the repository checkout (never copied into it). */
export const QA_DEV_DIR = path.resolve(import.meta.dirname, '../../../../../shared/qa-dev');

// Plain-text documents, so no extractor is needed to get real prose for tests and measurements.
const TEXT_DOCS = ['tmux.1.txt', 'curl.1.txt', 'xz.1.txt'];

/**
 * `count` passages of real manual-page text, each the first `size` characters of a window of the
 * documents cut back to whitespace (so about `size` characters), in document order.
 */
export const samplePassages = (count: number, size = 800): string[] => {
  const text = TEXT_DOCS.map((name) => readFileSync(path.join(QA_DEV_DIR, 'docs', name), 'utf8'))
    .join('\n')
    .replace(/\s+/g, ' ');
  const passages: string[] = [];
  let start = 0;
  while (passages.length < count) {
    if (start + size > text.length) throw new Error(`Only ${passages.length} passages of ${size} characters available`);
    const window = text.slice(start, start + size);
    const end = window.lastIndexOf(' ') > size / 2 ? window.lastIndexOf(' ') : size;
    passages.push(window.slice(0, end).trim());
    start += end;
  }
  return passages;
};
