/**
 * Measures what the cost model prices, on the ingested QA store:
 * - ingest: documents, pages (PDF pages, else `charsPerPage` characters), texts embedded (the
 *   server's `docent_embedded_texts_total`), their tokens (texts x the mean Claude-tokenizer count of
 *   the documents' 300-character sentence windows, the unit Docent embeds) and the processing time
 *   outside embedding (the server's stage times);
 * - questions: each QA question asked once with the default extractive answerer (its server time and
 *   its answer, the stand-in for a model's reply), then again with the server pointed at a recording
 *   OpenAI-compatible model on 127.0.0.1: every prompt Docent's generative answerer sends, built by
 *   the real prompt builder from the real evidence, is counted with Claude's tokenizer, and the reply
 *   is the extractive answer to the same question.
 */

import { NOT_FOUND_TEXT } from '@docent/domain';
import { startChatTestServer } from '@docent/testing';
import { ApiClient } from '../../apps/local-server/test/support/api-client.ts';
// Not in the domain's public API; the bench measures with the very function ProcessDocument uses.
import { sentenceWindows } from '../../packages/domain/src/documents/sentence-windows.ts';
import { AWS_ASSUMPTIONS } from './aws-prices.ts';
import { scrapeMetrics } from './bench-support.ts';
import { createTokenCounter, type TokenCounter } from './claude-tokens.ts';
import type { IngestCounts, QuestionCounts } from './cost-model.ts';
import type { QaStore } from './qa-store.ts';
import { listDocuments } from './qa-upload.ts';

// Docent's sentence-window length (ProcessDocument's default windowChars).
const WINDOW_CHARS = 300;
const STAGE_SUM = /^docent_processing_stage_seconds_sum\{stage="([^"]+)"\}$/;
const QUESTION_BLOCK = /<question>\n([\s\S]*?)\n<\/question>/;
const KIB = 1024;

/** What the ingest left behind, read over HTTP before any long computation (see measureCostCounts). */
const readIngest = async (store: QaStore) => {
  const api = new ApiClient(store.server.url, store.token);
  const metrics = await scrapeMetrics(store.server.url);
  let processingSeconds = 0;
  for (const [name, value] of metrics) {
    const stage = STAGE_SUM.exec(name)?.[1];
    if (stage !== undefined && stage !== 'embedding') processingSeconds += value;
  }
  const documents = (await listDocuments(api)).filter((d) => d.status === 'ready');
  const texts: Array<{ pageCount: number | undefined; text: string }> = [];
  for (const d of documents) {
    const { json } = await api.request('GET', `/documents/${d.id}/text`);
    texts.push({ pageCount: d.pageCount, text: json.text });
  }
  return {
    texts,
    processingSeconds,
    embeddedTexts: metrics.get('docent_embedded_texts_total{purpose="passage"}') ?? 0,
  };
};

/** Pages and embedding tokens of the documents read by `readIngest`. */
const ingestCounts = (
  { texts, processingSeconds, embeddedTexts }: Awaited<ReturnType<typeof readIngest>>,
  countTokens: TokenCounter['count'],
): IngestCounts => {
  let pages = 0;
  let windows = 0;
  let windowTokens = 0;
  for (const { pageCount, text } of texts) {
    pages += pageCount ?? Math.max(1, Math.ceil(text.length / AWS_ASSUMPTIONS.charsPerPage));
    for (const window of sentenceWindows(text, WINDOW_CHARS)) {
      windows++;
      windowTokens += countTokens(text.slice(window.start, window.end));
    }
  }
  return {
    documents: texts.length,
    pages,
    embeddedTexts,
    embeddingTokens: Math.round(embeddedTexts * (windowTokens / Math.max(1, windows))),
    processingSeconds,
  };
};

/** Asks every question once on the running (extractive) server: answers, server time, history size. */
const askExtractive = async (store: QaStore) => {
  const api = new ApiClient(store.server.url, store.token);
  const answers = new Map<string, string>();
  let serverMs = 0;
  let historyWriteUnits = 0;
  for (const { question } of store.questions) {
    const { status, json } = await api.request('POST', '/query/ask', { question });
    if (status !== 200) throw new Error(`ask answered ${status}`);
    answers.set(question.trim(), json.answer);
    serverMs += json.timings.totalMs;
    const item = JSON.stringify({ question, answer: json.answer, citations: json.citations, sources: json.sources });
    historyWriteUnits += Math.ceil(Buffer.byteLength(item) / KIB);
  }
  return { answers, serverSeconds: serverMs / 1000, historyWriteUnits };
};

/**
 * Measures the counts: every request to the extractive server comes before the tokenizing, which
 * blocks this process for seconds (a keep-alive socket the server closes meanwhile would fail the
 * next request). It leaves the store's server pointed at the recording model, which is gone
 * by then: close the store next (restarting it as it was would cost a server start for nothing).
 */
export const measureCostCounts = async (
  store: QaStore,
): Promise<{ ingest: IngestCounts; questions: QuestionCounts }> => {
  const read = await readIngest(store);
  const extractive = await askExtractive(store);
  const tokenizer = createTokenCounter();
  const countTokens = tokenizer.count;
  const ingest = ingestCounts(read, countTokens);
  let outputTokens = 0;
  const model = await startChatTestServer({
    respond: (request) => {
      const last = request.messages.at(-1)?.content ?? '';
      const question = QUESTION_BLOCK.exec(last)?.[1]?.trim() ?? '';
      const reply = extractive.answers.get(question) ?? NOT_FOUND_TEXT;
      const tokens = countTokens(reply);
      outputTokens += tokens;
      return { kind: 'reply', chunks: [reply], usage: { inputTokens: 0, outputTokens: tokens } };
    },
  });
  try {
    const server = await store.restart({
      DOCENT_LLM: 'openai-compatible',
      DOCENT_LLM_BASE_URL: model.baseUrl,
      DOCENT_LLM_MODEL: 'claude-3-haiku-stand-in',
    });
    const api = new ApiClient(server.url, store.token);
    for (const { question } of store.questions) {
      const { status } = await api.request('POST', '/query/ask', { question });
      if (status !== 200) throw new Error(`ask with the recording model answered ${status}`);
    }
    const prompts = model.received();
    const inputTokens = prompts.reduce(
      (sum, p) => sum + countTokens(p.system) + p.messages.reduce((s, m) => s + countTokens(m.content), 0),
      0,
    );
    return {
      ingest,
      questions: {
        questions: store.questions.length,
        llmCalls: prompts.length,
        inputTokens,
        outputTokens,
        queryEmbeddingTokens: store.questions.reduce((sum, q) => sum + countTokens(q.question), 0),
        historyWriteUnits: extractive.historyWriteUnits,
        serverSeconds: extractive.serverSeconds,
      },
    };
  } finally {
    await model.close();
    tokenizer.free();
  }
};
