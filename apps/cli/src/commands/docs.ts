import type { DocumentView } from '@docent/http-api';
import type { DocentClient } from '../client/docent-client.ts';
import { stageOf } from '../output/progress-view.ts';
import { formatTable, type Terminal } from '../output/terminal.ts';
import { resolveDocumentIds } from './document-refs.ts';

const KIB = 1024;

const size = (bytes: number) =>
  bytes < KIB * KIB ? `${Math.ceil(bytes / KIB)} KiB` : `${(bytes / KIB / KIB).toFixed(1)} MiB`;

/** `docent docs list`: the user's documents, newest first. */
export const listDocs = async (client: DocentClient, terminal: Terminal): Promise<number> => {
  const documents = await client.listDocuments();
  if (terminal.json) {
    terminal.printJson({ documents });
    return 0;
  }
  if (documents.length === 0) {
    terminal.out('No documents yet: add some with `docent ingest <files|folders>`.');
    return 0;
  }
  const rows = documents.map((d) => [
    d.id,
    d.name,
    stageOf(d),
    String(d.pageCount ?? ''),
    String(d.chunkCount ?? ''),
    size(d.size),
    d.uploadedAt,
  ]);
  terminal.out(formatTable(['ID', 'NAME', 'STATUS', 'PAGES', 'CHUNKS', 'SIZE', 'UPLOADED'], rows));
  return 0;
};

const describe = (d: DocumentView): [string, string][] => [
  ['id', d.id],
  ['name', d.name],
  ['type', d.contentType],
  ['size', `${size(d.size)} (${d.size} bytes)`],
  ['sha256', d.sha256],
  ['status', d.status],
  ['progress', `${d.progress.stage} ${d.progress.done}/${d.progress.total}`],
  ...(d.error === undefined ? [] : [['error', `${d.error.code}: ${d.error.message}`] as [string, string]]),
  ['uploaded', d.uploadedAt],
  ...(d.readyAt === undefined ? [] : [['ready', d.readyAt] as [string, string]]),
  ...(d.pageCount === undefined ? [] : [['pages', String(d.pageCount)] as [string, string]]),
  ...(d.chunkCount === undefined ? [] : [['chunks', String(d.chunkCount)] as [string, string]]),
];

/** `docent docs show <id|name>`: one document, and with `--text` its normalised text. */
export const showDoc = async (
  client: DocentClient,
  terminal: Terminal,
  ref: string,
  options: { text?: boolean },
): Promise<number> => {
  const [documentId] = await resolveDocumentIds(client, [ref]);
  const document = await client.getDocument(documentId as string);
  const text = options.text ? await client.getDocumentText(document.id) : undefined;
  if (terminal.json) {
    terminal.printJson({ document, ...(text === undefined ? {} : { text }) });
    return 0;
  }
  for (const [key, value] of describe(document)) terminal.out(`${key.padEnd(9)} ${value}`);
  if (text !== undefined) terminal.out(`\n${text.text}`);
  return 0;
};

/** `docent docs rm <id|name...>`: deletes documents and everything derived from them. */
export const removeDocs = async (
  client: DocentClient,
  terminal: Terminal,
  refs: readonly string[],
): Promise<number> => {
  const ids = await resolveDocumentIds(client, refs);
  for (const id of ids) await client.deleteDocument(id);
  if (terminal.json) terminal.printJson({ deleted: ids });
  else for (const [index, id] of ids.entries()) terminal.out(`Deleted ${refs[index]} (${id})`);
  return 0;
};
