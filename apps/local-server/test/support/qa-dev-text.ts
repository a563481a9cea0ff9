import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { QA_DEV } from './api-client.ts';

/** Real prose for measurements: the qa-dev plain-text documents, numbered and repeated up to `bytes`. */
export const qaDevText = async (bytes: number): Promise<string> => {
  const docs = path.join(QA_DEV, 'docs');
  const texts = await Promise.all(
    (await readdir(docs)).filter((f) => f.endsWith('.txt')).map((f) => readFile(path.join(docs, f), 'utf8')),
  );
  const parts: string[] = [];
  for (let size = 0, copy = 0; size < bytes; copy++) {
    const part = `Copy ${copy}.\n\n${texts[copy % texts.length]}`;
    parts.push(part);
    size += Buffer.byteLength(part);
  }
  return parts.join('\n\n').slice(0, bytes);
};
