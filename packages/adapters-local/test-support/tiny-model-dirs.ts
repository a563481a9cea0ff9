import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type TinyBertKind, writeTinyBertFolder } from './tiny-bert-folder.ts';

/** A temporary synthetic model folder and how to remove it. */
export interface TinyModelDir {
  dir: string;
  cleanup: () => Promise<void>;
}

/** Writes a synthetic model of `kind` into a fresh temporary folder. */
export const makeTinyModelDir = async (kind: TinyBertKind): Promise<TinyModelDir> => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'docent-tiny-model-'));
  const dir = await writeTinyBertFolder(path.join(root, kind), kind);
  return { dir, cleanup: () => rm(root, { recursive: true, force: true }) };
};
