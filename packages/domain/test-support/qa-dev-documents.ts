import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Principal } from '../src/entities/user.ts';
import type { World } from './in-memory-world.ts';

const QA_DEV = path.resolve(import.meta.dirname, '../../../../shared/qa-dev');

/** The three plain-text qa-dev documents the ask and retrieval tests read. */
export const QA_TEXT_DOCUMENTS = ['xz.1.txt', 'tmux.1.txt', 'Artistic.txt'] as const;

/**
 * Uploads qa-dev documents (plain text, from `../shared/qa-dev/docs`) for `principal` and processes
 * them; returns each file name's document id.
 */
export const ingestQaDocuments = async (
  world: World,
  principal: Principal,
  names: readonly string[] = QA_TEXT_DOCUMENTS,
): Promise<Record<string, string>> => {
  const ids: Record<string, string> = {};
  for (const name of names) {
    ids[name] = (await world.uploadText(principal, name, readFileSync(path.join(QA_DEV, 'docs', name), 'utf8'))).id;
  }
  const processed = await world.drainJobs();
  // Each document runs document.process, then document.embed.
  if (processed !== 2 * names.length) throw new Error(`processed ${processed} of ${names.length} qa-dev documents`);
  return ids;
};
