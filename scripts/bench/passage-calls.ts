/**
 * The passage `embed` calls an ingest of a QA set makes, as `ProcessDocument` makes them: the set is
 * ingested through the real local composition with the model-free `hashing` embedder, and every
 * call of purpose other than `query` is recorded. For scripts that replay real calls on a model.
 */
import { HashingEmbedder } from '@docent/adapters-inmemory';
import type { Embedder } from '@docent/domain';
import { openEvalSession } from '../../apps/local-server/src/eval/eval-session.ts';
import type { QaSet } from '../../apps/local-server/src/eval/qa-set.ts';

/** Each recorded call's texts, in call order. */
export const recordPassageCalls = async (qaSet: QaSet): Promise<string[][]> => {
  const hashing = new HashingEmbedder();
  const calls: string[][] = [];
  const recorder: Embedder = {
    modelId: hashing.modelId,
    dimensions: hashing.dimensions,
    embed: (texts, options) => {
      if (options?.purpose !== 'query') calls.push([...texts]);
      return hashing.embed(texts, options);
    },
  };
  const session = await openEvalSession(qaSet, { embedder: 'hashing', embedderInstance: recorder });
  await session.close();
  return calls;
};
