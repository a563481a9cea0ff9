/**
 * Before/after figures for the ligature repair of the PDF extractor (TeX OT1 fonts without a
 * ToUnicode map, see packages/extractors/src/pdf-ligature-glyphs.ts). "Before" is the extractor of
 * commit --base (read with git show into a temporary file beside the current one, whose helpers it
 * shares), "after" the current one; both run in this process, alternately (the order swapped each round), --runs times per file.
 * Prints per file the median extraction time of each, the pages whose operator list the repair reads
 * and, when poppler's pdftotext is installed, the ligature words (ff, fi, fl, ffi, ffl) of
 * pdftotext's text that each extraction misses. Usage:
 *   node scripts/pdf-ligature-figures.ts [--base 16fb027] [--runs 5] file.pdf...
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RawDocument } from '@docent/domain';
import { getResolvedPDFJS } from 'unpdf';
import { DEFAULT_EXTRACTION_LIMITS } from '../packages/extractors/src/extraction-limits.ts';
import { extractPdf } from '../packages/extractors/src/pdf-extractor.ts';
import { LigatureFonts } from '../packages/extractors/src/pdf-ligature-fonts.ts';

const { values, positionals } = parseArgs({
  options: { base: { type: 'string', default: '16fb027' }, runs: { type: 'string', default: '5' } },
  allowPositionals: true,
});
const runs = Number(values.runs);
type Extract = typeof extractPdf;

const root = path.resolve(import.meta.dirname, '..');
const baseFile = path.join(root, 'packages/extractors/src/pdf-extractor-base.tmp.ts');
writeFileSync(
  baseFile,
  execFileSync('git', ['show', `${values.base}:packages/extractors/src/pdf-extractor.ts`], { cwd: root }),
);
let extractBase: Extract;
try {
  ({ extractPdf: extractBase } = (await import(baseFile)) as { extractPdf: Extract });
} finally {
  rmSync(baseFile);
}

const wordsOf = (text: string): string[] => text.normalize('NFKC').match(/\p{L}+/gu) ?? [];
const counts = (words: readonly string[]): Map<string, number> => {
  const map = new Map<string, number>();
  for (const word of words) map.set(word, (map.get(word) ?? 0) + 1);
  return map;
};
const textOf = (document: RawDocument): string => document.blocks.map((block) => block.text).join('\n');

/** Ligature words of the reference text missing from `text`, counted with repetition. */
const missingLigatureWords = (reference: Map<string, number>, text: string): number => {
  const found = counts(wordsOf(text));
  let missing = 0;
  for (const [word, count] of reference) missing += Math.max(0, count - (found.get(word) ?? 0));
  return missing;
};

const pdftotext = (file: string): string | undefined => {
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 1 << 28 }).toString();
  } catch {
    return undefined;
  }
};

/** Pages of the file whose operator list the extractor reads, as pdf-page-items.ts decides it. */
const pagesWithOperators = async (bytes: Uint8Array): Promise<string> => {
  const pdfjs = await getResolvedPDFJS();
  const task = pdfjs.getDocument({
    data: bytes.slice(),
    useSystemFonts: true,
    verbosity: 0,
    fontExtraProperties: true,
  });
  const pdf = await task.promise;
  const fonts = new LigatureFonts();
  let read = 0;
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const names = (await page.getTextContent()).items.flatMap((item) => ('fontName' in item ? [item.fontName] : []));
    if (fonts.needOperators(new Set(names), page.commonObjs)) {
      read++;
      await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
    }
  }
  await task.destroy();
  return `operator lists read on ${read} of ${pdf.numPages} pages`;
};

const median = (list: number[]): number => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? Number.NaN;
const limits = { ...DEFAULT_EXTRACTION_LIMITS };

console.log(
  `base ${values.base}, ${runs} runs each, alternating; load average ${(await import('node:os'))
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
);
for (const file of positionals) {
  const bytes = new Uint8Array(readFileSync(file));
  const times = { before: [] as number[], after: [] as number[] };
  let before: RawDocument | undefined;
  let after: RawDocument | undefined;
  for (let run = 0; run < runs; run++) {
    // Each round swaps the order, so neither side always runs on the other's garbage.
    const order = [['before', extractBase] as const, ['after', extractPdf] as const];
    for (const [name, extract] of run % 2 === 0 ? order : order.reverse()) {
      const start = performance.now();
      const document = await extract(bytes, limits);
      times[name].push(performance.now() - start);
      if (name === 'before') before = document;
      else after = document;
    }
  }
  const reference = pdftotext(file);
  let words = 'pdftotext not installed';
  if (reference !== undefined && before && after) {
    const ligatureWords = wordsOf(reference).filter((word) => /ff|fi|fl/.test(word));
    const wanted = counts(ligatureWords);
    words = `ligature words of pdftotext ${ligatureWords.length}, missing before ${missingLigatureWords(wanted, textOf(before))}, after ${missingLigatureWords(wanted, textOf(after))}`;
  }
  const name = path.basename(file);
  const pages = await pagesWithOperators(bytes);
  console.log(
    `${name}: before ${median(times.before).toFixed(0)} ms, after ${median(times.after).toFixed(0)} ms (median); ${pages}; ${words}`,
  );
}
