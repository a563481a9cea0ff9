import path from 'node:path';
import { DocentError } from '@docent/domain';
import { env } from '@huggingface/transformers';
import { onnxDtype } from './model-folder.ts';

/** Options every local load passes to `from_pretrained`. */
export interface LocalLoadOptions {
  local_files_only: true;
  dtype: ReturnType<typeof onnxDtype>;
}

const loads = new Map<string, Promise<unknown>>();
let queue: Promise<unknown> = Promise.resolve();

/**
 * Loads a model part from a local folder only, once per (folder, part) for the whole process so
 * every caller shares one session. transformers.js resolves names against the global
 * `env.localModelPath`, so loads are serialised and each points it at its own folder's parent.
 * A failed load is forgotten (the next call retries) and surfaces as DocentError `unavailable`.
 */
export const loadLocalModel = <T>(
  dir: string,
  part: string,
  load: (modelName: string, options: LocalLoadOptions) => Promise<T>,
): Promise<T> => {
  const key = `${part}\u0000${dir}`;
  const cached = loads.get(key);
  if (cached) return cached as Promise<T>;
  const loading = queue.then(async () => {
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = `${path.dirname(dir)}${path.sep}`;
    try {
      return await load(path.basename(dir), { local_files_only: true, dtype: onnxDtype(dir) });
    } catch (error) {
      loads.delete(key);
      throw new DocentError('unavailable', `could not load ${part} from ${dir}: ${(error as Error).message}`, {
        retryable: false,
      });
    }
  });
  queue = loading.catch(() => undefined);
  loads.set(key, loading);
  return loading;
};

/**
 * Wraps an inference failure as a DocentError of `code` (not retryable: the same input fails the
 * same way); an abort or a DocentError passes through untouched.
 */
export const inferenceFailed = (
  code: 'unavailable' | 'embedding_failed',
  what: string,
  error: unknown,
  signal?: AbortSignal,
): unknown => {
  if (signal?.aborted || error instanceof DocentError) return signal?.aborted ? signal.reason : error;
  return new DocentError(code, `${what} failed: ${(error as Error).message}`);
};
