/**
 * The token ids the server's embedder computes for a QA set's ingest: every recorded passage `embed`
 * call (`recordPassageCalls`), each text prepared and tokenised as `UseLiteEmbedder` does with the
 * server's default dense-passage cut. For scripts that replay an ingest's model work on one thread.
 */
import path from 'node:path';
import { DEFAULT_EMBED_DENSE_TOKENS } from '../../apps/local-server/src/embedding-config.ts';
import { loadQaSet } from '../../apps/local-server/src/eval/qa-set.ts';
import { modelText } from '../../packages/adapters-local/src/embedding/use-lite-embedder.ts';
import { UseLiteTokenizer } from '../../packages/adapters-local/src/embedding/use-lite-tokenizer.ts';
import { recordPassageCalls } from './passage-calls.ts';

/** Per recorded call, each text's token ids, in call order. */
export const passageTokenLists = async (qaDir: string): Promise<Int32Array[][]> => {
  const calls = await recordPassageCalls(await loadQaSet(path.resolve(qaDir)));
  const tokenizer = await UseLiteTokenizer.load();
  return calls.map((call) =>
    call.map((text) => tokenizer.tokenizePassage(modelText(text), DEFAULT_EMBED_DENSE_TOKENS)),
  );
};
