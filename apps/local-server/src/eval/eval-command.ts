import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../usage-error.ts';
import { formatReport } from './report-format.ts';
import { runEvaluation } from './run-evaluation.ts';

/** Usage of `docent eval`, printed on a bad command line. */
export const EVAL_USAGE = `Usage: docent eval <qa-dir> [<qa-dir> ...] [--out <file.json>] [--embedder use-lite|hashing] [--set DOCENT_X=value ...] [--no-baselines] [--cv] [--cross]

  <qa-dir>        a QA set folder with docs/ and questions.jsonl (e.g. ../shared/qa-dev); with several,
                  each is evaluated in its own fresh session, one after the other, then pooled
  --out           where to write the JSON report (default reports/eval-<timestamp>.json)
  --embedder      the embedder Docent is composed with (default use-lite)
  --set           a server setting for the run, as its environment variable (e.g. DOCENT_EMBED_DENSE_TOKENS=32);
                  repeatable; the report records them. Docent's own environment is not read.
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
  const settings = parseSettings(values.set ?? []);
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
    settings,
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
      set: { type: 'string', multiple: true },
      baselines: { type: 'boolean', default: true },
      cv: { type: 'boolean', default: false },
      cross: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });

// Settings the harness sets itself: the temporary data dir, and the embedder (`--embedder`).
const OWN_SETTINGS = new Set(['DOCENT_DATA_DIR', 'DOCENT_EMBEDDER']);

/** `--set` values as settings; a malformed one, or one the harness owns, is a usage error. */
const parseSettings = (pairs: readonly string[]): Record<string, string> => {
  const settings: Record<string, string> = {};
  for (const pair of pairs) {
    const match = /^(DOCENT_[A-Z0-9_]+)=(.*)$/s.exec(pair);
    if (match === null) throw new UsageError(`--set takes DOCENT_NAME=value, not ${pair}\n\n${EVAL_USAGE}`);
    const [, name, value] = match as unknown as [string, string, string];
    if (OWN_SETTINGS.has(name))
      throw new UsageError(`--set cannot change ${name}: the evaluation sets it\n\n${EVAL_USAGE}`);
    settings[name] = value;
  }
  return settings;
};
