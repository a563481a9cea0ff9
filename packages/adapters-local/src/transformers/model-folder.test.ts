import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expectDocentError } from '@docent/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { writeTinyBertFolder } from '../../test-support/tiny-bert-folder.ts';
import { checkModelFolder, onnxDtype } from './model-folder.ts';

describe('checkModelFolder', () => {
  let root = '';
  afterEach(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });
  const tiny = async (): Promise<string> => {
    root = await mkdtemp(path.join(os.tmpdir(), 'docent-folder-'));
    return writeTinyBertFolder(path.join(root, 'm'), 'encoder');
  };

  it('accepts a complete folder and returns its config', async () => {
    const dir = await tiny();
    const folder = checkModelFolder(dir, 'embedder');
    expect(folder.dir).toBe(dir);
    expect(folder.config.hidden_size).toBe(8);
    expect(onnxDtype(dir)).toBe('fp32');
  });

  it('rejects a folder that does not exist', async () => {
    const error = await expectDocentError(
      () => checkModelFolder('/nonexistent/docent-model', 'reranker'),
      'validation_failed',
    );
    expect(error.message).toContain('/nonexistent/docent-model');
  });

  it('names every missing file', async () => {
    const dir = await tiny();
    await unlink(path.join(dir, 'tokenizer.json'));
    await unlink(path.join(dir, 'onnx', 'model.onnx'));
    const error = await expectDocentError(() => checkModelFolder(dir, 'reranker'), 'validation_failed');
    expect(error.message).toContain('tokenizer.json');
    expect(error.message).toContain('onnx/model*.onnx');
    expect(error.message).not.toContain('config.json');
  });

  it('rejects a config.json that is not JSON', async () => {
    const dir = await tiny();
    await writeFile(path.join(dir, 'config.json'), '{ nope');
    expect((await expectDocentError(() => checkModelFolder(dir, 'embedder'), 'validation_failed')).message).toContain(
      'config.json',
    );
  });

  it('picks a quantised variant when no full-precision model is present', async () => {
    const dir = await tiny();
    await writeFile(path.join(dir, 'onnx', 'model_quantized.onnx'), '');
    await unlink(path.join(dir, 'onnx', 'model.onnx'));
    expect(onnxDtype(dir)).toBe('q8');
  });
});
