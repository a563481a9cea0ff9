import type { ContentType } from '@docent/domain';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { buildDocx, paragraph, run } from './docx-builder.ts';
import {
  deepHtml,
  docxInflatingTo,
  hugeMarkdownLine,
  pdfWithTextLayer,
  singleLineText,
  zipBomb,
} from './hostile-files.ts';
import { buildPdf } from './pdf-builder.ts';
import { qaDevDocument } from './qa-dev.ts';

/*
 * Seeded mutations of small real files for the extraction fuzz test: truncation, bit flips,
 * overwritten, inserted or repeated ranges, splices of two seeds, mutations inside a Word file's
 * XML (re-zipped, so they reach the XML reader), bombs, deep nesting and huge lines, under right
 * or wrong file names and declared types. The same seed gives the same cases.
 */

/** One fuzz input: the upload's name and bytes, and the type extraction is asked for (null: detect it). */
export interface FuzzCase {
  index: number;
  mutation: string;
  name: string;
  bytes: Uint8Array;
  declaredType: ContentType | null;
}

/** Limits the fuzz extractor runs with, so that bombs and huge inputs stay small and quick. */
export const FUZZ_LIMITS = { maxExtractedChars: 200_000, maxPages: 50, maxInflatedBytes: 2 * 1024 * 1024 };

const TYPES: ContentType[] = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'text/html',
  'text/markdown',
  'text/plain',
];
const EXTENSIONS = ['pdf', 'docx', 'html', 'htm', 'md', 'txt', 'zip', 'bin', ''];

/** mulberry32: a tiny seeded PRNG, so every case can be rebuilt from (seed, index). */
const prng = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

interface Seed {
  name: string;
  bytes: Uint8Array;
}

const seeds = (): Seed[] => [
  { name: 'report.pdf', bytes: buildPdf([['Quarterly report', 'Revenue grew by (12%).'], null, ['Outlook: stable']]) },
  { name: 'secret.pdf', bytes: buildPdf([['classified']], { userPassword: '', ownerPassword: 'owner' }) },
  { name: 'bzip2-manual.pdf', bytes: qaDevDocument('bzip2-manual.pdf') },
  {
    name: 'memo.docx',
    bytes: buildDocx(`${paragraph(run('Memo'), 'Heading1')}${paragraph(run('Please read &amp; sign.'))}`, {
      title: 'Memo',
    }),
  },
  { name: 'nodejs-url.docx', bytes: qaDevDocument('nodejs-url.docx') },
  { name: 'expat-reference.html', bytes: qaDevDocument('expat-reference.html').subarray(0, 30_000) },
  { name: 'zstd-README.md', bytes: qaDevDocument('zstd-README.md') },
  { name: 'Artistic.txt', bytes: qaDevDocument('Artistic.txt') },
];

type Random = () => number;
const int = (random: Random, below: number): number => Math.floor(random() * below);
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)] as T;
const concat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));
const randomBytes = (random: Random, length: number): Uint8Array => Uint8Array.from({ length }, () => int(random, 256));

const truncate = (random: Random, bytes: Uint8Array): Uint8Array => bytes.slice(0, int(random, bytes.length));

const flipBits = (random: Random, bytes: Uint8Array): Uint8Array => {
  const copy = bytes.slice();
  const flips = 1 + int(random, 32);
  for (let i = 0; i < flips && copy.length > 0; i++) {
    const at = int(random, copy.length);
    copy[at] = (copy[at] ?? 0) ^ (1 << int(random, 8));
  }
  return copy;
};

const overwrite = (random: Random, bytes: Uint8Array): Uint8Array => {
  const copy = bytes.slice();
  const at = int(random, copy.length);
  copy.set(randomBytes(random, Math.min(copy.length - at, 1 + int(random, 256))), at);
  return copy;
};

const insert = (random: Random, bytes: Uint8Array): Uint8Array => {
  const at = int(random, bytes.length + 1);
  return concat(bytes.subarray(0, at), randomBytes(random, 1 + int(random, 512)), bytes.subarray(at));
};

const repeatRange = (random: Random, bytes: Uint8Array): Uint8Array => {
  const at = int(random, bytes.length);
  const range = bytes.subarray(at, at + 1 + int(random, 64));
  const copies = Array.from({ length: 1 + int(random, 2000) }, () => range);
  return concat(bytes.subarray(0, at), ...copies, bytes.subarray(at));
};

const splice = (random: Random, bytes: Uint8Array, other: Uint8Array): Uint8Array =>
  concat(bytes.subarray(0, int(random, bytes.length)), other.subarray(int(random, other.length)));

/** Mutates `word/document.xml` inside a Word file and zips it again, so the XML reader sees the damage. */
const mutateDocxXml = (random: Random, bytes: Uint8Array): Uint8Array => {
  const members = unzipSync(bytes);
  const xml = members['word/document.xml'];
  if (xml === undefined) return bytes;
  const damage = pick(random, [truncate, flipBits, overwrite, insert, repeatRange]);
  const nested = strToU8(`${'<w:p><w:r>'.repeat(2000)}<w:t>deep</w:t>`);
  const damaged = random() < 0.2 ? concat(xml.subarray(0, xml.length / 2), nested) : damage(random, xml);
  members['word/document.xml'] = new Uint8Array(damaged);
  return zipSync(members);
};

/** Small bombs and monsters: each passes one of `FUZZ_LIMITS` or tests depth and line length. */
const monsters: ((random: Random) => { name: string; bytes: Uint8Array })[] = [
  (random) => docxInflatingTo(FUZZ_LIMITS.maxInflatedBytes + int(random, 1 << 20)),
  () => zipBomb(FUZZ_LIMITS.maxInflatedBytes * 4),
  () => pdfWithTextLayer(FUZZ_LIMITS.maxExtractedChars * 2),
  () => ({ name: 'pages.pdf', bytes: buildPdf(Array.from({ length: FUZZ_LIMITS.maxPages + 1 }, () => ['p'])) }),
  (random) => singleLineText(FUZZ_LIMITS.maxExtractedChars - 1000 + int(random, 2000)),
  (random) => deepHtml(10_000 + int(random, 90_000)),
  (random) => hugeMarkdownLine(FUZZ_LIMITS.maxExtractedChars - 1000 + int(random, 2000)),
];

const renamed = (random: Random, name: string): string => {
  if (random() < 0.7) return name;
  const extension = pick(random, EXTENSIONS);
  return `${name.replace(/\.[^.]*$/, '')}${extension === '' ? '' : `.${extension}`}`;
};

/** The `index`-th case of a seeded run: each case has its own generator, so a subset is a prefix. */
export const fuzzCase = (seed: number, index: number, pool: Seed[] = seeds()): FuzzCase => {
  const random = prng(seed * 1_000_003 + index);
  const source = pick(random, pool);
  const mutations: [string, () => { name: string; bytes: Uint8Array }][] = [
    ['truncate', () => ({ name: source.name, bytes: truncate(random, source.bytes) })],
    ['flip-bits', () => ({ name: source.name, bytes: flipBits(random, source.bytes) })],
    ['overwrite', () => ({ name: source.name, bytes: overwrite(random, source.bytes) })],
    ['insert', () => ({ name: source.name, bytes: insert(random, source.bytes) })],
    ['repeat-range', () => ({ name: source.name, bytes: repeatRange(random, source.bytes) })],
    ['splice', () => ({ name: source.name, bytes: splice(random, source.bytes, pick(random, pool).bytes) })],
    [
      'docx-xml',
      () => ({
        name: 'mutated.docx',
        bytes: mutateDocxXml(
          random,
          pick(
            random,
            pool.filter((s) => s.name.endsWith('.docx')),
          ).bytes,
        ),
      }),
    ],
    ['monster', () => pick(random, monsters)(random)],
  ];
  const [mutation, make] = pick(random, mutations);
  const made = make();
  // Mostly the type is detected as on upload; sometimes a stored type disagrees with the bytes.
  const declaredType = random() < 0.2 ? pick(random, TYPES) : null;
  return { index, mutation, name: renamed(random, made.name), bytes: made.bytes, declaredType };
};

/** Cases `0 .. count-1` of a seeded run, built lazily (bombs are built only when reached). */
export function* fuzzCases(seed: number, count: number): Generator<FuzzCase> {
  const pool = seeds();
  for (let index = 0; index < count; index++) yield fuzzCase(seed, index, pool);
}
