import type { EmbedDocumentDeps } from '../src/jobs/embed-document.ts';
import { EmbedDocument } from '../src/jobs/embed-document.ts';
import { JOB_NAMES } from '../src/jobs/pipeline.ts';
import {
  ProcessDocument,
  type ProcessDocumentDeps,
  type ProcessDocumentOptions,
} from '../src/jobs/process-document.ts';
import type { World } from './in-memory-world.ts';

/**
 * Runs a document through the whole pipeline as the worker would, with some of the world's ports
 * replaced: its `document.process` job, then the `document.embed` job that one enqueued (if any).
 * Other jobs in the queue are left alone.
 */
export const runPipeline = async (
  world: World,
  overrides: Partial<ProcessDocumentDeps & EmbedDocumentDeps>,
  options: ProcessDocumentOptions,
  payload: { ownerId: string; documentId: string },
): Promise<void> => {
  const deps = { ...world.ports, ...overrides };
  await new ProcessDocument(deps, options).run(payload);
  const job = await world.ports.jobs.claim({ leaseMs: 60_000, names: [JOB_NAMES.embedDocument] });
  if (job === null) return;
  await new EmbedDocument(deps, options).run(job.payload);
  await world.ports.jobs.complete(job.id);
};
