import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../usage-error.ts';
import { formatReport } from './report-format.ts';
import { runEvaluation } from './run-evaluation.ts';

/** Usage of `docent eval`, printed on a bad command line. */
export const EVAL_USAGE = `Usage: docent eval <qa-dir> [<qa-dir> ...] [--out <file.json>] [--embedder use-lite|hashing] [--no-baselines] [--cv] [--cross]

  <qa-dir>        a QA set folder with docs/ and questions.jsonl (e.g. ../shared/qa-dev); with several,
                  each is evaluated in its own fresh session, one after the other, then pooled
  --out           where to write the JSON report (default reports/eval-<timestamp>.json)
  --embedder      the embedder Docent is composed with (default use-lite)
  --no-baselines  skip BM25 only, vectors only and the LangChain-style baseline
  --cv            also cross-validate the ask-time knobs on each set (tune on one half of its questions, report the other)
  --cross         tune the ask-time knobs on all sets but one and report them on that one, each set in turn
                  (needs two sets or more)`;

const EMBEDDERS = ['use-lite', 'hashing'] as const;

/** `docent eval ...`: runs the harness, prints the tables (progress to stderr), writes the JSON report. */
export const evalCommand = async (args: readonly string[]): Promise<void> => {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : error}\n\n${EVAL_USAGE}`);
  }
  const { values, positionals: qaDirs } = parsed;
  if (values.help) return console.log(EVAL_USAGE);
  if (qaDirs.length === 0) throw new UsageError(EVAL_USAGE);
  for (const qaDir of qaDirs) {
    if (!existsSync(path.join(qaDir, 'questions.jsonl')) || !existsSync(path.join(qaDir, 'docs'))) {
      throw new UsageError(`${qaDir} is not a QA set folder: it needs docs/ and questions.jsonl\n\n${EVAL_USAGE}`);
    }
  }
  if (values.cross && qaDirs.length < 2) throw new UsageError(`--cross needs two QA sets or more\n\n${EVAL_USAGE}`);
  const embedder = values.embedder as (typeof EMBEDDERS)[number];
  if (!EMBEDDERS.includes(embedder)) throw new UsageError(`--embedder must be one of ${EMBEDDERS.join(', ')}`);

  const report = await runEvaluation({
    qaDirs: qaDirs.map((qaDir) => path.resolve(qaDir)),
    embedder,
    baselines: values.baselines,
    crossValidate: values.cv,
    crossSet: values.cross,
    onProgress: (message) => process.stderr.write(`${message}\n`),
  });
  const out = path.resolve(values.out ?? path.join('reports', `eval-${report.createdAt.replace(/[:.]/g, '-')}.json`));
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(formatReport(report));
  console.log(`\nJSON report: ${out}`);
};

const parse = (args: readonly string[]) =>
  parseArgs({
    args: [...args],
    allowPositionals: true,
    allowNegative: true,
    strict: true,
    options: {
      out: { type: 'string' },
      embedder: { type: 'string', default: 'use-lite' },
      baselines: { type: 'boolean', default: true },
      cv: { type: 'boolean', default: false },
      cross: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
