/**
 * Peak memory and time of extraction on hostile files. Builds each file (a DOCX whose document.xml
 * inflates to 200 MB, a 1 GB ZIP bomb with lying headers, a PDF with a 20 M-character text layer,
 * a 5,000-page PDF, a 20 MB one-line text, 100,000-deep HTML, a 9.5 M-character Markdown line,
 * 1 GB ZIP bombs dressed as PPTX, XLSX, ODT and EPUB, a 100,000-row workbook (capped, must pass), and
 * two long books that must pass), then extracts each in a fresh child process, so that each peak
 * RSS is that file's alone. `worker` is the local server's path (WorkerTextExtractor built from the
 * same DOCENT_* settings as the server); `in-process` is DocumentExtractor with the same limits
 * (the Lambda's path); `unlimited` is in-process with every limit lifted (the state before issue 13).
 * Prints outcome, time, baseline and peak RSS per file and mode, and checks the worker's growth over
 * its baseline against a budget (DOCENT_EXTRACT_MEMORY_MB + DOCENT_MAX_INFLATED_MB + 128 MB unless
 * --budget-mb is given). Usage:
 *   node scripts/hostile-files.ts [--modes worker,in-process] [--only name,...] [--budget-mb N]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isDocentError, type TextExtractor } from '@docent/domain';
import { loadConfig } from '../apps/local-server/src/config.ts';
import { DocumentExtractor, WorkerTextExtractor } from '../packages/extractors/src/index.ts';
import {
  containerBomb,
  deepHtml,
  docxInflatingTo,
  type HostileFile,
  hugeMarkdownLine,
  pdfBook,
  pdfWithTextLayer,
  singleLineText,
  zipBomb,
} from '../packages/extractors/test-support/hostile-files.ts';
import { buildXlsx } from '../packages/extractors/test-support/office-builder.ts';
import { buildPdf } from '../packages/extractors/test-support/pdf-builder.ts';

const MIB = 1024 * 1024;
const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

const { values } = parseArgs({
  options: {
    modes: { type: 'string', default: 'worker,in-process' },
    only: { type: 'string' },
    'budget-mb': { type: 'string' },
    child: { type: 'string' },
    mode: { type: 'string' },
  },
});

const config = loadConfig(process.env, process.cwd()).extraction;

/** Child: extract one file in one mode and print one JSON line. */
const runChild = async (file: string, mode: string): Promise<void> => {
  const bytes = new Uint8Array(readFileSync(file));
  const name = path.basename(file);
  const extractor: TextExtractor & { close?: () => Promise<void> } =
    mode === 'worker'
      ? new WorkerTextExtractor({ ...config, maxWorkers: 1 })
      : new DocumentExtractor(
          mode === 'unlimited'
            ? { maxExtractedChars: 2 ** 31, maxPages: 2 ** 31, maxInflatedBytes: 2 ** 40 }
            : config.limits,
        );
  const type = extractor.detectType(name, bytes);
  const baselineMb = peakRssMb();
  const started = performance.now();
  let outcome: string;
  try {
    if (type === null) throw new Error('type not detected');
    const document = await extractor.extract(bytes, type);
    outcome = `ready (${document.blocks.reduce((sum, block) => sum + block.text.length, 0).toLocaleString('en')} chars)`;
  } catch (error) {
    outcome = isDocentError(error) ? error.code : `CRASH ${String(error)}`;
  }
  const seconds = (performance.now() - started) / 1000;
  await extractor.close?.();
  console.log(JSON.stringify({ outcome, seconds, baselineMb, peakMb: peakRssMb() }));
};

const hostileFiles = (): [string, () => HostileFile][] => [
  ['docx-xml-200mb', () => ({ ...docxInflatingTo(200 * MIB), name: 'docx-xml-200mb.docx' })],
  ['zip-bomb-1gb', () => ({ ...zipBomb(1024 * MIB), name: 'zip-bomb-1gb.docx' })],
  ['pdf-text-20m-chars', () => ({ ...pdfWithTextLayer(20_000_000), name: 'pdf-text-20m-chars.pdf' })],
  [
    'pdf-5000-pages',
    () => ({ name: 'pdf-5000-pages.pdf', bytes: buildPdf(Array.from({ length: 5000 }, () => ['p'])) }),
  ],
  ['text-20mb-one-line', () => ({ ...singleLineText(20 * 1000 * 1000), name: 'text-20mb-one-line.txt' })],
  ['html-100k-deep', () => ({ ...deepHtml(100_000), name: 'html-100k-deep.html' })],
  ['markdown-9.5m-line', () => ({ ...hugeMarkdownLine(9_500_000), name: 'markdown-9.5m-line.md' })],
  ['book-2000-pages.pdf', () => ({ ...pdfBook(2000, 3000), name: 'book-2000-pages.pdf' })],
  ['book-6m-chars.docx', () => ({ ...docxInflatingTo(12 * MIB), name: 'book-6m-chars.docx' })],
  ...(['pptx', 'xlsx', 'odt', 'epub'] as const).map((container): [string, () => HostileFile] => [
    `${container}-bomb-1gb`,
    () => ({ ...containerBomb(container, 1024 * MIB), name: `${container}-bomb-1gb.${container}` }),
  ]),
  [
    'xlsx-100k-rows',
    () => ({
      name: 'xlsx-100k-rows.xlsx',
      bytes: buildXlsx([
        { name: 'Rows', rows: [['Row', 'Value'], ...Array.from({ length: 100_000 }, (_, i) => [`r${i}`, i])] },
      ]),
    }),
  ],
];

const runParent = (): void => {
  const modes = (values.modes ?? '').split(',');
  const only = values.only?.split(',');
  const budgetMb = Number(values['budget-mb'] ?? config.memoryMb + config.limits.maxInflatedBytes / MIB + 128);
  const dir = mkdtempSync(path.join(tmpdir(), 'docent-hostile-'));
  console.log(
    `hostile-files: limits ${JSON.stringify(config.limits)}, worker heap ${config.memoryMb} MB, timeout ${config.timeoutSeconds} s`,
  );
  console.log(`budget: the worker path may grow RSS by at most ${budgetMb} MB over its baseline`);
  console.log(
    'file                   size      mode        outcome                    time     base MB  peak MB  growth',
  );
  let failures = 0;
  try {
    for (const [label, build] of hostileFiles()) {
      if (only && !only.includes(label)) continue;
      const file = build();
      const filePath = path.join(dir, file.name);
      writeFileSync(filePath, file.bytes);
      for (const mode of modes) {
        const args = [process.argv[1] ?? '', '--child', filePath, '--mode', mode];
        let line: string;
        try {
          line =
            execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * MIB })
              .trim()
              .split('\n')
              .at(-1) ?? '';
        } catch (error) {
          line = JSON.stringify({
            outcome: `process died (${(error as { status?: number }).status})`,
            seconds: 0,
            baselineMb: 0,
            peakMb: 0,
          });
        }
        const result = JSON.parse(line) as { outcome: string; seconds: number; baselineMb: number; peakMb: number };
        const growth = result.peakMb - result.baselineMb;
        const over = mode === 'worker' && growth > budgetMb;
        if (over || result.outcome.startsWith('process died') || result.outcome.startsWith('CRASH')) failures++;
        console.log(
          `${label.padEnd(22)} ${`${(file.bytes.length / 1024).toFixed(0)} KB`.padStart(9)} ${mode.padEnd(11)} ${result.outcome.padEnd(26)} ${`${result.seconds.toFixed(1)} s`.padStart(7)} ${String(result.baselineMb).padStart(8)} ${String(result.peakMb).padStart(8)} ${String(growth).padStart(7)}${over ? '  OVER BUDGET' : ''}`,
        );
      }
      rmSync(filePath);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(failures === 0 ? 'PASS: no crash, worker growth within budget' : `FAIL: ${failures}`);
  process.exitCode = failures === 0 ? 0 : 1;
};

if (values.child !== undefined) await runChild(values.child, values.mode ?? 'worker');
else runParent();
