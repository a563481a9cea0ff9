import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DocentError } from '@docent/domain';

/** A checked local model folder: where it is, and its parsed config.json. */
export interface ModelFolder {
  /** Absolute folder path. */
  dir: string;
  /** Parsed config.json. */
  config: Record<string, unknown>;
}

const invalid = (message: string): DocentError => new DocentError('validation_failed', message);

/**
 * Checks synchronously that `dir` holds a transformers.js model (config.json, tokenizer.json and
 * an onnx/model*.onnx), so a misconfigured path fails at start-up rather than on the first query.
 * Throws `validation_failed` naming what is missing.
 */
export const checkModelFolder = (dir: string, role: string): ModelFolder => {
  const absolute = path.resolve(dir);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw invalid(`${role} model folder ${absolute} does not exist or is not a directory`);
  }
  const missing = ['config.json', 'tokenizer.json'].filter((file) => !existsSync(path.join(absolute, file)));
  const onnxDir = path.join(absolute, 'onnx');
  const hasModel = existsSync(onnxDir) && readdirSync(onnxDir).some((file) => /^model.*\.onnx$/.test(file));
  if (!hasModel) missing.push('onnx/model*.onnx');
  if (missing.length > 0) throw invalid(`${role} model folder ${absolute} lacks ${missing.join(', ')}`);
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(path.join(absolute, 'config.json'), 'utf8'));
  } catch (error) {
    throw invalid(`${role} model folder ${absolute}: config.json is not valid JSON (${(error as Error).message})`);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw invalid(`${role} model folder ${absolute}: config.json is not an object`);
  }
  return { dir: absolute, config: config as Record<string, unknown> };
};

/** Picks the ONNX weights: full precision `model.onnx` when present, else the first quantised variant. */
export const onnxDtype = (dir: string): 'fp32' | 'q8' | 'fp16' | 'int8' | 'uint8' | 'q4' => {
  const files = readdirSync(path.join(dir, 'onnx'));
  if (files.includes('model.onnx')) return 'fp32';
  const suffixes = [
    ['model_quantized.onnx', 'q8'],
    ['model_fp16.onnx', 'fp16'],
    ['model_int8.onnx', 'int8'],
    ['model_uint8.onnx', 'uint8'],
    ['model_q4.onnx', 'q4'],
  ] as const;
  return suffixes.find(([file]) => files.includes(file))?.[1] ?? 'fp32';
};
