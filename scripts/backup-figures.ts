/**
 * Backup and restore figures: starts the real local server on a fresh data dir, uploads the qa-dev
 * documents, then backs the data dir up while the server runs (once idle, once while another user
 * uploads the same documents again), restores the first backup into a fresh dir, starts a server on
 * it and asks a question. Prints times and sizes. Usage:
 *   node scripts/backup-figures.ts [--embedder hashing|use-lite] [<qa-set-dir>]
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ApiClient, QA_DEV } from '../apps/local-server/test/support/api-client.ts';
import { startServer } from '../apps/local-server/test/support/server-process.ts';
import { backupDataDir, restoreDataDir } from '../packages/adapters-local/src/index.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { embedder: { type: 'string', default: 'hashing' } },
});
const qaDir = path.resolve(positionals[0] ?? QA_DEV);
const env = { DOCENT_EMBEDDER: values.embedder ?? 'hashing' };

/** Total bytes of the files under `dir`. */
const sizeOf = async (dir: string): Promise<number> => {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
};

const timed = async <T>(action: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await action();
  return [result, performance.now() - started];
};

const MIB = 2 ** 20;
const row = (name: string, value: string) => console.log(`${name.padEnd(44)} ${value}`);
const work = await mkdtemp(path.join(tmpdir(), 'docent-backup-figures-'));
const dataDir = path.join(work, 'data');
const server = await startServer(dataDir, env);
let restoredServer: Awaited<ReturnType<typeof startServer>> | undefined;
try {
  const files = (await readdir(path.join(qaDir, 'docs'))).sort();
  const upload = async (api: ApiClient) => {
    for (const file of files) await api.upload(path.join(qaDir, 'docs', file));
  };
  const api = new ApiClient(server.url);
  await api.signIn('backup@example.com', 'Backup12345');
  const [documents, ingestMs] = await timed(async () => {
    await upload(api);
    return api.waitForProcessing(30 * 60_000);
  });

  const [idle, idleMs] = await timed(() => backupDataDir({ dataDir, target: path.join(work, 'backup-idle') }));
  const other = new ApiClient(server.url);
  await other.signIn('writer@example.com', 'Writer12345');
  const [[busy, busyMs]] = await Promise.all([
    timed(() => backupDataDir({ dataDir, target: path.join(work, 'backup-busy') })),
    upload(other),
  ]);
  await other.waitForProcessing(30 * 60_000);

  const restoredDir = path.join(work, 'restored');
  const [, restoreMs] = await timed(() => restoreDataDir({ backupDir: idle.target, dataDir: restoredDir }));
  restoredServer = await startServer(restoredDir, env);
  const again = new ApiClient(restoredServer.url);
  await again.signIn('backup@example.com', 'Backup12345');
  const ask = await again.request('POST', '/query/ask', {
    question: 'What compression preset does xz use by default?',
  });
  const cited = [...new Set((ask.json.citations ?? []).map((c: any) => c.documentName))].join(', ');

  const { counts, blobs, database } = idle.manifest;
  console.log(`\nDocent backup and restore (${files.length} qa-dev documents, embedder ${env.DOCENT_EMBEDDER})`);
  row('documents ready / chunks', `${documents.filter((d) => d.status === 'ready').length} / ${counts.chunks}`);
  row('ingest (upload -> all ready)', `${(ingestMs / 1000).toFixed(1)} s`);
  row('data dir size after ingest', `${((await sizeOf(dataDir)) / MIB).toFixed(2)} MiB`);
  row(
    'backup: database / blobs',
    `${(database.bytes / MIB).toFixed(2)} / ${(blobs.reduce((s, b) => s + b.bytes, 0) / MIB).toFixed(2)} MiB`,
  );
  row('backup size on disk (with manifest)', `${((await sizeOf(idle.target)) / MIB).toFixed(2)} MiB`);
  row('backup time, server idle', `${idleMs.toFixed(0)} ms`);
  row(`backup time, while ${files.length} more documents upload`, `${busyMs.toFixed(0)} ms`);
  row('  documents in that snapshot', `${busy.manifest.counts.documents} of ${documents.length * 2}`);
  row('restore time (verify + copy + open)', `${restoreMs.toFixed(0)} ms`);
  row('restored server answers, citing', `${ask.status} ${cited}`);
} finally {
  await restoredServer?.stop();
  await server.stop();
  await rm(work, { recursive: true, force: true });
}
