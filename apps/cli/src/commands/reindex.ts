import type { DocentClient } from '../client/docent-client.ts';
import { progressViewFor } from '../output/progress-view.ts';
import { formatTable, type Terminal } from '../output/terminal.ts';
import { watchProcessing } from './watch-processing.ts';

/**
 * `docent reindex`: processes finished documents again (extract, chunk, embed, index) through the
 * job runner, e.g. after DOCENT_EMBEDDER or the pipeline version changed; progress as in ingest.
 * Every user's documents unless `--user` names one. Exit 1 when any document ends `failed`.
 */
export const reindex = async (
  client: DocentClient,
  terminal: Terminal,
  options: { allUsers: boolean },
): Promise<number> => {
  const { queued, skipped } = await client.reindex(options);
  const view = progressViewFor(terminal, queued.length);
  const labels = new Map(queued.map((document) => [`${document.name} (${document.id})`, document]));
  for (const [label, document] of labels) view.add(label, document);
  let final: Map<string, (typeof queued)[number]>;
  try {
    final = await watchProcessing(client, labels, view);
  } finally {
    view.stop();
  }
  const documents = [...final.values()];
  const failed = documents.filter((document) => document.status === 'failed');
  if (terminal.json) terminal.printJson({ documents, skipped, failed: failed.length });
  else {
    if (documents.length > 0) {
      terminal.out(
        formatTable(
          ['DOCUMENT', 'NAME', 'STATUS', 'CHUNKS', 'ERROR'],
          documents.map((d) => [
            d.id,
            d.name,
            d.status,
            String(d.chunkCount ?? ''),
            d.error ? `${d.error.code}: ${d.error.message}` : '',
          ]),
        ),
      );
    }
    terminal.out(
      `\nReindexed ${documents.length} documents (${failed.length} failed); ${skipped} still processing were left alone.`,
    );
  }
  return failed.length > 0 ? 1 : 0;
};
