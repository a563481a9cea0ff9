import path from 'node:path';
import type { benchAsk } from './ask.ts';
import type { CostBreakdown, IngestCounts, QuestionCounts } from './cost-model.ts';
import type { benchIngest } from './ingest.ts';
import type { benchScale } from './scale.ts';

// The parts' figures by what their functions return, not by their type names: the modules are
// swapped for other versions and only the function names and figure keys are fixed.
type IngestFigures = Awaited<ReturnType<typeof benchIngest>>;
type AskFigures = Awaited<ReturnType<typeof benchAsk>>;
type ScaleFigures = Awaited<ReturnType<typeof benchScale>>;

/** `Docent 150.2 / 160.1, peer 70.3 / 72.0`: the load-insensitive part of the ingest comparison. */
export const cpuLine = ({ cpuS }: Pick<IngestFigures, 'cpuS'>): string =>
  `Docent ${cpuS.docentEmbedding.toFixed(1)} / ${cpuS.docentAll.toFixed(1)}, peer ${cpuS.peerEmbedding.toFixed(1)} / ${cpuS.peerAll.toFixed(1)}`;

/** Where and on what a run was made. */
export interface MachineFacts {
  cores: number;
  model: string;
  node: string;
  memoryGiB: number;
  /** 1, 5 and 15 minute load averages when the run started; a busy machine makes every figure slower. */
  loadAverage: number[];
  /** The same at the end. */
  loadAverageAtEnd?: number[];
}

/** The cost part: USD per 1,000 questions and pages, and what they were computed from. */
export interface CostFigures {
  pricesAsOf: string;
  region: string;
  per1000Questions: CostBreakdown;
  per1000Pages: CostBreakdown;
  /** Billed every hour whatever the traffic. */
  openSearchFloorUsdPerMonth: { dev: number; prod: number };
  counts: { questions: QuestionCounts; ingest: IngestCounts };
}

/** Everything `npm run bench -- --json FILE` writes. Parts skipped with `--skip` are absent. */
export interface BenchReport {
  startedAt: string;
  commit: string;
  machine: MachineFacts;
  qaDir: string;
  ingest?: IngestFigures;
  /** The ask and cost parts' own ingest of the QA set (a second sample of Docent's ingest time). */
  qaStore?: { readyS: number; searchableS: number; chunks: number };
  ask?: AskFigures;
  scale?: ScaleFigures;
  cost?: CostFigures;
  finishedAt?: string;
}

const row = (name: string, value: string) => `  ${name.padEnd(34)} ${value}`;
const usd = (value: number) => `${value.toFixed(value < 1 ? 4 : 2)} USD`;

const costLines = (title: string, cost: CostBreakdown): string[] => [
  row(title, usd(cost.totalUsd)),
  ...Object.entries(cost.lines).map(([name, value]) => row(`  ${name}`, usd(value))),
];

/** The report as the text `npm run bench` prints. */
export const formatReport = (report: BenchReport): string => {
  const { machine } = report;
  const lines = [
    `Docent bench ${report.startedAt}, commit ${report.commit}`,
    `machine: ${machine.cores} cores (${machine.model}), ${machine.memoryGiB} GiB, node ${machine.node}, load average ${machine.loadAverage.join(' ')} at start${machine.loadAverageAtEnd ? `, ${machine.loadAverageAtEnd.join(' ')} at end` : ''}`,
  ];
  const { ingest, qaStore, ask, scale, cost } = report;
  if (ingest !== undefined) {
    lines.push(
      '',
      `ingest (${path.basename(report.qaDir)})`,
      row(
        'Docent upload -> all ready',
        `${ingest.docentS.toFixed(1)} s (${ingest.chunks} chunks, ${ingest.vectors} vectors stored)`,
      ),
      row('Docent upload -> all searchable', `${ingest.searchableS.toFixed(1)} s`),
      row('LangChain-style peer', `${ingest.peerS.toFixed(1)} s`),
      row('ratio Docent / peer', `${ingest.ratio.toFixed(2)}x`),
      ...(ingest.rounds.length > 1
        ? [
            row(
              `rounds (Docent / peer s, ratio)`,
              ingest.rounds
                .map((r) => `${r.docentS.toFixed(1)} / ${r.peerS.toFixed(1)} ${r.ratio.toFixed(2)}x`)
                .join(', '),
            ),
          ]
        : []),
      row('cores used by the server', ingest.coresUsed.toFixed(2)),
      row('texts embedded Docent / peer', `${ingest.textsEmbedded} / ${ingest.peerTexts}`),
      row('CPU s (embedding / all)', cpuLine(ingest)),
      row(
        'stage seconds (summed over docs)',
        Object.entries(ingest.stages)
          .map(([s, v]) => `${s} ${v.toFixed(1)}`)
          .join(', '),
      ),
    );
  }
  if (qaStore !== undefined) {
    // NaN: a store kept from an earlier run (DOCENT_BENCH_QA_DATA_DIR) was reused, nothing was ingested.
    const ingested = Number.isNaN(qaStore.readyS)
      ? 'reused (DOCENT_BENCH_QA_DATA_DIR)'
      : `${qaStore.readyS.toFixed(1)} s (searchable ${qaStore.searchableS.toFixed(1)} s)`;
    lines.push('', row('ask/cost store: upload -> ready', ingested));
  }
  if (ask !== undefined) {
    lines.push('', 'ask (POST /query/ask, autocannon)');
    for (const [level, f] of Object.entries(ask)) {
      lines.push(
        row(
          `concurrency ${level.slice(1)}`,
          `p50 ${f.p50Ms} ms, p95 ${f.p95Ms} ms, p99 ${f.p99Ms} ms, ${f.rps} req/s, errors ${f.errors}, shed ${f.shed}`,
        ),
      );
    }
  }
  if (scale !== undefined) {
    lines.push('', 'scale (synthetic corpus, hashing embedder, one user)');
    for (const p of scale) {
      lines.push(
        row(
          `${p.chunks} chunks`,
          `build ${p.buildS.toFixed(1)} s, disk ${p.diskMiB.toFixed(0)} MiB, RSS ${p.rssMiB.toFixed(0)} MiB, first ask (cold) ${p.firstAskMs.toFixed(1)} ms, warm after ${p.warmUpMs.toFixed(0)} ms (pre-read ${p.prewarmMiB.toFixed(0)} MiB), warm ask p50 ${p.askP50Ms.toFixed(1)} / p95 ${p.askP95Ms.toFixed(1)} ms, recall@10 ${p.recallAt10.toFixed(3)}, BM25 p95 ${p.lexicalP95Ms.toFixed(1)} ms, read from disk while asking ${p.askReadMiB.toFixed(1)} MiB`,
        ),
      );
    }
  }
  if (cost !== undefined) {
    lines.push(
      '',
      `AWS cost (${cost.region} list prices as of ${cost.pricesAsOf}; see scripts/bench/aws-prices.ts)`,
      ...costLines('per 1,000 questions', cost.per1000Questions),
      ...costLines('per 1,000 pages ingested', cost.per1000Pages),
      row(
        'OpenSearch Serverless floor',
        `${usd(cost.openSearchFloorUsdPerMonth.dev)} / month dev, ${usd(cost.openSearchFloorUsdPerMonth.prod)} prod`,
      ),
      row(
        'measured per question',
        `${(cost.counts.questions.inputTokens / cost.counts.questions.questions).toFixed(0)} prompt + ${(cost.counts.questions.outputTokens / cost.counts.questions.questions).toFixed(0)} completion tokens, ${(cost.counts.questions.llmCalls / cost.counts.questions.questions).toFixed(2)} model calls`,
      ),
      row(
        'measured ingest',
        `${cost.counts.ingest.pages} pages, ${cost.counts.ingest.embeddedTexts} texts embedded, ${cost.counts.ingest.embeddingTokens} tokens`,
      ),
    );
  }
  return lines.join('\n');
};
