import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_FIXTURES } from '../../../packages/extractors/test-support/format-fixtures.ts';
import { buildOdp, buildOds, buildXlsx } from '../../../packages/extractors/test-support/office-builder.ts';
import { ApiClient, normalise } from './support/api-client.ts';
import { type ServerProcess, startServer } from './support/server-process.ts';

/** One upload per new format, and a question only that file answers. */
const CASES = [
  { file: 'slides.pptx', question: 'How often must the Fresnel lens be polished?', fact: 'every Tuesday' },
  {
    file: 'report.odt',
    question: 'How many apple trees did the survey count in the north orchard?',
    fact: '412 apple trees',
  },
  { file: 'book.epub', question: 'How high did Mira measure Mount Caldor?', fact: '2,914 metres' },
  { file: 'message.eml', question: 'When will the dredger Marguerite work the east basin?', fact: '14 to 18 April' },
  { file: 'mailbox.mbox', question: 'How many sacks of flour come from the Westmill bakery?', fact: 'forty sacks' },
  { file: 'memo.rtf', question: 'How many hives does the apiary on Calloway Hill hold?', fact: 'fourteen hives' },
  { file: 'bridges.csv', question: 'What is the span of the Viaduct of the Seven Arches?', fact: 'Span (m): 402' },
  { file: 'fleet.xlsx', question: 'What is the home port of the ship Albatross?', fact: 'Home port: Dunmore' },
  { file: 'locks.ods', question: 'Who is the keeper of Sallow Lock?', fact: 'Keeper: Edwin Marsh' },
  { file: 'buoys.odp', question: 'What do cardinal buoys point towards?', fact: 'point towards safe water' },
] as const;

/** The spreadsheet and presentation files pandoc cannot write, built into `dir`. */
const writeBuiltFiles = async (dir: string): Promise<void> => {
  await writeFile(
    path.join(dir, 'fleet.xlsx'),
    buildXlsx([
      {
        name: 'Fleet',
        rows: [
          ['Ship', 'Tonnage', 'Home port'],
          ['Albatross', 1200, 'Dunmore'],
          ['Bittern', 800, 'Kelso'],
        ],
      },
    ]),
  );
  await writeFile(
    path.join(dir, 'locks.ods'),
    buildOds([
      {
        name: 'Locks',
        rows: [
          ['Lock', 'Keeper'],
          ['Sallow Lock', 'Edwin Marsh'],
          ['Heron Lock', 'Ada Pike'],
        ],
      },
    ]),
  );
  await writeFile(
    path.join(dir, 'buoys.odp'),
    buildOdp([{ title: 'Buoys', body: ['Cardinal buoys point towards safe water.'], notes: ['Show the chart.'] }]),
  );
};

describe('every new format through the real server over HTTP', () => {
  let dataDir: string;
  let server: ServerProcess;
  let api: ApiClient;
  let documents: Array<{ name: string; status: string; contentType: string; error?: unknown }>;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'docent-formats-'));
    const built = path.join(dataDir, 'uploads');
    await mkdir(built);
    await writeBuiltFiles(built);
    server = await startServer(path.join(dataDir, 'data'), { DOCENT_EMBEDDER: 'hashing' });
    api = new ApiClient(server.url);
    await api.signIn('formats@example.com', 'Formats12345');
    for (const { file } of CASES) {
      const source = ['fleet.xlsx', 'locks.ods', 'buoys.odp'].includes(file) ? built : FORMAT_FIXTURES;
      const { status, json } = await api.upload(path.join(source, file));
      if (status !== 202) throw new Error(`${file}: ${status} ${JSON.stringify(json)}`);
    }
    documents = await api.waitForProcessing(120_000);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('accepts each file and makes it ready', () => {
    expect(documents.map(({ name, status }) => [name, status]).sort()).toEqual(
      CASES.map(({ file }) => [file, 'ready']).sort(),
    );
  });

  it.each(CASES)('answers from $file a question only it answers', async ({ file, question, fact }) => {
    const { status, json } = await api.request('POST', '/query/ask', { question });
    expect(status).toBe(200);
    expect(json.sources[0].documentName).toBe(file);
    expect(normalise(json.sources[0].text)).toContain(fact);
  });
});
