import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DocumentRecord } from '@docent/domain';
import { makeDocument, makeDocumentContent } from '@docent/testing';
import { type BackupManifest, MANIFEST_FILE } from '../src/store/backup-manifest.ts';
import type { LocalStore } from '../src/store/open-local-store.ts';

/** SHA-256 of bytes, as the manifest writes it. */
export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A document with its blob, text and chunks stored, as processing leaves one. */
export const storeDocument = async (
  store: LocalStore,
  ownerId: string,
  text: string,
): Promise<{ document: DocumentRecord; bytes: Uint8Array }> => {
  const bytes = new TextEncoder().encode(text);
  const document = makeDocument({ ownerId, status: 'ready', size: bytes.byteLength, sha256: sha256Of(bytes) });
  const content = makeDocumentContent({ ownerId, documentId: document.id, paragraphs: [text] });
  await store.BlobStore.put(document.blobKey, bytes);
  await store.DocumentRepository.create(document);
  await store.ChunkRepository.replaceForDocument(ownerId, document.id, content.text, content.chunks);
  return { document, bytes };
};

/** Fresh temporary folders for backups and restores, removed by `cleanup`. */
export const temporaryFolders = () => {
  const made: string[] = [];
  return {
    /** A new empty folder. */
    folder(prefix: string): string {
      const dir = mkdtempSync(path.join(tmpdir(), `docent-${prefix}-`));
      made.push(dir);
      return dir;
    },
    cleanup(): void {
      for (const dir of made) rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** Rewrites a backup's manifest through `change`, as a damaged or forged backup would carry it. */
export const editManifest = (backupDir: string, change: (manifest: BackupManifest) => void): void => {
  const file = path.join(backupDir, MANIFEST_FILE);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  change(manifest);
  writeFileSync(file, JSON.stringify(manifest));
};
