import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isDocentError } from '@docent/domain';
import type { DocumentView } from '@docent/http-api';
import { EXIT } from '../client/cli-error.ts';
import type { DocentClient } from '../client/docent-client.ts';
import { type CollectOptions, collectFiles, type FoundFile } from '../files/collect-files.ts';
import { progressViewFor } from '../output/progress-view.ts';
import { formatTable, type Terminal } from '../output/terminal.ts';
import { watchProcessing } from './watch-processing.ts';

/** What became of one file. */
export interface IngestedFile {
  file: string;
  /** `added` (uploaded now), `unchanged` (these bytes were ingested before), `rejected` (refused at upload). */
  result: 'added' | 'unchanged' | 'rejected';
  document?: DocumentView;
  error?: { code: string; message: string };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Uploads one file unless the user has its bytes already (by content hash). */
const upload = async (
  client: DocentClient,
  file: FoundFile,
  known: Map<string, DocumentView>,
): Promise<IngestedFile> => {
  const bytes = new Uint8Array(await readFile(file.path));
  const existing = known.get(sha256(bytes));
  if (existing !== undefined) return { file: file.label, result: 'unchanged', document: existing };
  try {
    const { document, created } = await client.upload({ name: path.basename(file.path), bytes });
    known.set(document.sha256, document);
    return { file: file.label, result: created ? 'added' : 'unchanged', document };
  } catch (error) {
    if (!isDocentError(error)) throw error;
    return { file: file.label, result: 'rejected', error: { code: error.code, message: error.message } };
  }
};

/** Whether a file ended without a searchable document. */
const failed = (file: IngestedFile) => file.result === 'rejected' || file.document?.status === 'failed';

const summaryRow = (file: IngestedFile): string[] => {
  const document = file.document;
  const error = file.error ?? document?.error;
  return [
    file.file,
    file.result,
    document?.status ?? 'failed',
    String(document?.pageCount ?? ''),
    String(document?.chunkCount ?? ''),
    document?.id ?? '',
    error === undefined ? '' : `${error.code}: ${error.message}`,
  ];
};

const printSummary = (terminal: Terminal, files: IngestedFile[]) => {
  const counts = {
    files: files.length,
    added: files.filter((f) => f.result === 'added').length,
    unchanged: files.filter((f) => f.result === 'unchanged').length,
    failed: files.filter(failed).length,
  };
  if (terminal.json) return terminal.printJson({ files, counts });
  terminal.out(
    formatTable(['FILE', 'RESULT', 'STATUS', 'PAGES', 'CHUNKS', 'DOCUMENT', 'ERROR'], files.map(summaryRow)),
  );
  const failures = counts.failed === 0 ? '0 failed' : terminal.style('red', `${counts.failed} failed`);
  terminal.out(`\n${counts.files} files: ${counts.added} added, ${counts.unchanged} unchanged, ${failures}`);
};

/**
 * `docent ingest <files|folders...>`: uploads what is new, lets it process with progress, prints a
 * summary; exit 1 when any file failed.
 */
export const ingest = async (
  client: DocentClient,
  terminal: Terminal,
  args: readonly string[],
  options: CollectOptions,
): Promise<number> => {
  const found = await collectFiles(args, options);
  const view = progressViewFor(terminal, found.length);
  const known = new Map((await client.listDocuments()).map((document) => [document.sha256, document]));
  const results: IngestedFile[] = [];
  const pending = new Map<string, DocumentView>();
  try {
    for (const file of found) {
      const result = await upload(client, file, known);
      results.push(result);
      if (result.result === 'added' && result.document !== undefined) {
        pending.set(result.file, result.document);
        view.add(result.file, result.document);
      } else view.add(result.file, result.document ?? null, result.result);
    }
    const final = await watchProcessing(client, pending, view);
    for (const result of results) result.document = final.get(result.file) ?? result.document;
  } finally {
    view.stop();
  }
  printSummary(terminal, results);
  return results.some(failed) ? EXIT.failed : EXIT.ok;
};
