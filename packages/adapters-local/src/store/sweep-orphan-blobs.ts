import { type Dirent, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';

/** Where upload blobs live (the domain's `documentBlobKey`): only these are swept. */
const DOCUMENTS_FOLDER = 'documents';

/**
 * Deletes upload blobs that no document row points at, and temporary files of interrupted writes.
 * An upload stores its bytes before it writes the document row, so a crash between the two (or
 * during the write) leaves a file nobody will ever read or delete. Safe only while no upload is
 * running: call it at open, under the data directory's lock. Returns the paths deleted.
 */
export const sweepOrphanBlobs = (db: DatabaseSync, blobRoot: string): string[] => {
  const root = path.join(blobRoot, DOCUMENTS_FOLDER);
  let entries: Dirent[];
  try {
    entries = readdirSync(root, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  // By primary key: a blob's key names its document (`documents/<owner>/<id>`).
  const referenced = db.prepare('SELECT 1 FROM documents WHERE owner_id = ? AND id = ? AND blob_key = ?');
  const swept: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const key = path.relative(blobRoot, file).split(path.sep).join('/');
    const [, owner, id, ...rest] = key.split('/');
    const isUploadBlob = owner !== undefined && id !== undefined && rest.length === 0;
    if (entry.name.endsWith('.tmp') || (isUploadBlob && referenced.get(owner, id, key) === undefined)) {
      rmSync(file, { force: true });
      swept.push(key);
    }
  }
  return swept;
};
