import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFiles } from './collect-files.ts';

describe('collectFiles', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'docent-collect-'));
    for (const file of [
      'a.txt',
      'b.gif',
      'sub/c.md',
      'sub/deeper/d.pdf',
      'sub/drafts/e.txt',
      '.hidden/f.txt',
      '.g.md',
    ]) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), file);
    }
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const labels = async (args: string[], options = {}) =>
    (await collectFiles(args, options)).map((file) => path.relative(root, file.path));

  it('walks folders recursively, keeping the readable types and skipping hidden paths', async () => {
    expect(await labels([root])).toEqual(['a.txt', 'sub/c.md', 'sub/deeper/d.pdf', 'sub/drafts/e.txt']);
  });

  it('applies --include and --exclude globs relative to the folder, and takes named files as they are', async () => {
    expect(await labels([root], { include: ['**/*.txt'], exclude: ['sub/drafts/**'] })).toEqual(['a.txt']);
    expect(await labels([path.join(root, 'b.gif'), root], { include: ['sub/**'] })).toEqual([
      'b.gif',
      'sub/c.md',
      'sub/deeper/d.pdf',
      'sub/drafts/e.txt',
    ]);
  });

  it('lists a file named twice once and refuses a missing path', async () => {
    expect(await labels([path.join(root, 'a.txt'), root], { include: ['*.txt'] })).toEqual(['a.txt']);
    await expect(collectFiles([path.join(root, 'nope')])).rejects.toThrow('no such file or folder');
  });
});
