/**
 * Every question of a QA set asked twice (two rounds, one question at a time; the second round
 * meets whatever the first left in caches) on the QA store (`openQaStore`; set
 * `DOCENT_BENCH_QA_DATA_DIR` to build it once and reuse it), and the answers written as JSON lines
 * without what differs between two runs by design (conversation ids, timings). Two runs on the
 * same store, before and after a change that must not change answers, then compare with `cmp`:
 *   DOCENT_BENCH_QA_DATA_DIR=/tmp/qa node scripts/bench/qa-answers.ts before.jsonl [qa-set-dir]
 *   ... change ...
 *   DOCENT_BENCH_QA_DATA_DIR=/tmp/qa node scripts/bench/qa-answers.ts after.jsonl && cmp before.jsonl after.jsonl
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ApiClient, QA_DEV } from '../../apps/local-server/test/support/api-client.ts';
import { openQaStore } from './qa-store.ts';

const [out, qaDir = QA_DEV] = process.argv.slice(2);
if (out === undefined) throw new Error('usage: node scripts/bench/qa-answers.ts <out.jsonl> [qa-set-dir]');

const store = await openQaStore(path.resolve(qaDir));
try {
  const api = new ApiClient(store.server.url, store.token);
  const lines: string[] = [];
  for (const round of [1, 2]) {
    for (const { id, question } of store.questions) {
      const { status, json } = await api.request('POST', '/query/ask', { question });
      if (status !== 200) throw new Error(`${id}: ask answered ${status} ${JSON.stringify(json)}`);
      const { conversationId: _conversation, timings: _timings, ...answer } = json;
      lines.push(JSON.stringify({ round, id, ...answer }));
    }
  }
  await writeFile(out, `${lines.join('\n')}\n`);
  console.log(`${lines.length} answers written to ${out} (store ${store.dataDir})`);
} finally {
  await store.close();
}
