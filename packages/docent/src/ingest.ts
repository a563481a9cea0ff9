import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DocentError, type DocumentRecord, type Principal, type UseCases } from '@docent/domain';
import type { Ingestion, IngestOptions, IngestProgress, IngestResult } from './docent-api.ts';
import type { DocumentWatch } from './document-watch.ts';
import { EventLog } from './event-log.ts';

/** What an ingestion needs from the open Docent. */
export interface IngestDeps {
  useCases: UseCases;
  watch: DocumentWatch;
  principal(owner: string | undefined): Promise<Principal>;
}

const progressOf = (document: DocumentRecord): IngestProgress => ({
  documentId: document.id,
  status: document.status,
  stage: document.progress.stage,
  done: document.progress.done,
  total: document.progress.total,
  ...(document.progress.etaSeconds === undefined ? {} : { etaSeconds: document.progress.etaSeconds }),
});

const readSource = async (source: string | Uint8Array, name: string | undefined) => {
  if (typeof source !== 'string') {
    if (name === undefined) throw new DocentError('validation_failed', 'name: required when ingesting bytes');
    return { name, bytes: source };
  }
  try {
    return { name: name ?? path.basename(source), bytes: await readFile(source) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = `Cannot read ${source}: ${(error as Error).message}`;
    throw new DocentError(code === 'ENOENT' ? 'not_found' : 'validation_failed', message, { cause: error });
  }
};

/**
 * Uploads through `UploadDocument` (the same checks and the same job as the HTTP upload), then
 * follows the document through the job runner's processing until it is ready or failed.
 */
export const ingest = (deps: IngestDeps, source: string | Uint8Array, options: IngestOptions = {}): Ingestion =>
  new EventLog<IngestProgress, IngestResult>(async (emit) => {
    const { signal } = options;
    signal?.throwIfAborted();
    const principal = await deps.principal(options.owner);
    const input = await readSource(source, options.name);
    const uploaded = await deps.useCases.uploadDocument.execute(principal, input);
    const documentId = uploaded.document.id;
    let last = '';
    const onUpdate = (document: DocumentRecord) => {
      const progress = progressOf(document);
      const key = JSON.stringify(progress);
      if (key !== last) emit(progress);
      last = key;
    };
    const current = () => deps.useCases.getDocument.execute(principal, { documentId });
    try {
      const document = await deps.watch.untilProcessed(documentId, current, onUpdate, signal);
      return { document, created: uploaded.created };
    } catch (error) {
      // An abandoned upload of new bytes is cancelled rather than left processing unseen.
      if (signal?.aborted && uploaded.created) {
        await deps.useCases.deleteDocument.execute(principal, { documentId }).catch(() => {});
      }
      throw error;
    }
  });
