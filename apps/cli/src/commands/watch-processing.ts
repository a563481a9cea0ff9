import { setTimeout as sleep } from 'node:timers/promises';
import { isDocentError } from '@docent/domain';
import type { DocumentView } from '@docent/http-api';
import type { DocentClient } from '../client/docent-client.ts';
import type { ProgressView } from '../output/progress-view.ts';

const POLL_MS = 200;

const settled = (document: DocumentView) => document.status === 'ready' || document.status === 'failed';

/**
 * Lets the documents' processing run (in this process on the embedded store, on the server over
 * HTTP) and reports their progress until each is `ready` or `failed`. Returns their final state by
 * label; a document deleted meanwhile is left out.
 */
export const watchProcessing = async (
  client: DocentClient,
  pending: ReadonlyMap<string, DocumentView>,
  view: ProgressView,
): Promise<Map<string, DocumentView>> => {
  const latest = new Map(pending);
  const controller = new AbortController();
  let failure: unknown;
  const jobs = client.runJobs(controller.signal).catch((error: unknown) => {
    failure = error;
  });
  try {
    while ([...latest.values()].some((document) => !settled(document))) {
      await sleep(POLL_MS);
      if (failure !== undefined) throw failure;
      for (const [label, document] of latest) {
        if (settled(document)) continue;
        const now = await client.getDocument(document.id).catch((error: unknown) => {
          if (isDocentError(error) && error.code === 'document_not_found') return null;
          throw error;
        });
        if (now === null) latest.delete(label);
        else {
          latest.set(label, now);
          view.update(label, now);
        }
      }
    }
  } finally {
    controller.abort();
    await jobs;
  }
  return latest;
};
