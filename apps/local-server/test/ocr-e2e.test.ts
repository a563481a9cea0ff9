import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The scans are drawn and wrapped the way the extractors' own OCR tests make them.
import { textImage } from '../../../packages/extractors/test-support/image-builder.ts';
import { scannedPdf } from '../../../packages/extractors/test-support/scanned-fixtures.ts';
import { ApiClient } from './support/api-client.ts';
import { type ServerProcess, startServer } from './support/server-process.ts';

/*
 * A real `docent serve` (default settings: OCR on, English) reads a scanned PDF and a photo of a
 * note uploaded over HTTP, and answers questions whose answers exist only as pixels.
 */

const SCAN = [
  { lines: ['Minutes of the harbour committee.', 'The new crane arrives in October.'] },
  { lines: ['The committee approved a budget of', 'eighty thousand pounds for dredging.'] },
];
const NOTE = ['The spare key to the boathouse is', 'kept under the green watering can.'];

let dataDir: string;
let server: ServerProcess;
let api: ApiClient;
const texts = new Map<string, any>();

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'docent-ocr-e2e-'));
  writeFileSync(path.join(dataDir, 'committee-scan.pdf'), scannedPdf(SCAN));
  writeFileSync(path.join(dataDir, 'note.png'), textImage(NOTE, 'png'));
  server = await startServer(path.join(dataDir, 'data'), { DOCENT_EMBEDDER: 'hashing' });
  api = new ApiClient(server.url);
  await api.signIn('ocr-e2e@example.com', 'Correct-Horse-9');
  for (const name of ['committee-scan.pdf', 'note.png']) {
    expect((await api.upload(path.join(dataDir, name))).status).toBe(202);
  }
  const documents = await api.waitForProcessing(120_000);
  expect(documents.map((d) => [d.name, d.status, d.contentType]).sort()).toEqual([
    ['committee-scan.pdf', 'ready', 'application/pdf'],
    ['note.png', 'ready', 'image/png'],
  ]);
  for (const document of documents)
    texts.set(document.name, (await api.request('GET', `/documents/${document.id}/text`)).json);
}, 180_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const ask = async (question: string): Promise<any> => {
  const { status, json } = await api.request('POST', '/query/ask', { question });
  expect(status).toBe(200);
  return json;
};

describe('OCR end to end', () => {
  it('marks every page of the scan and the image as read by OCR', () => {
    const pages = (name: string) => texts.get(name).pages.map((p: any) => [p.page, p.ocr?.confidence > 70]);
    expect(pages('committee-scan.pdf')).toEqual([
      [1, true],
      [2, true],
    ]);
    expect(pages('note.png')).toEqual([[1, true]]);
  });

  it('answers from the text of an image, citing an exact span of it', async () => {
    const answer = await ask('Where is the spare key to the boathouse kept?');
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('green watering can');
    const citation = answer.citations.find((c: any) => c.quote.includes('green watering can'));
    expect(citation?.documentName).toBe('note.png');
    expect(citation?.page).toBe(1);
    expect(texts.get('note.png').text.slice(citation.charStart, citation.charEnd)).toBe(citation.quote);
  });

  it('answers from the second page of a scanned PDF, with its page number', async () => {
    const answer = await ask('How much money did the committee approve for dredging?');
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('eighty thousand pounds');
    const citation = answer.citations.find((c: any) => c.quote.includes('eighty thousand pounds'));
    expect(citation?.documentName).toBe('committee-scan.pdf');
    expect(citation?.page).toBe(2);
    expect(texts.get('committee-scan.pdf').text.slice(citation.charStart, citation.charEnd)).toBe(citation.quote);
  });
});
