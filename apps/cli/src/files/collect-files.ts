import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { describeFormats } from '@docent/extractors';
import { CliError, EXIT } from '../client/cli-error.ts';

const EXTENSIONS = describeFormats().flatMap((format) => format.extensions);

/**
 * The extensions of every format in the extractors' registry; a folder's other files are left out
 * unless `--include` names them.
 */
export const DEFAULT_INCLUDE = [`**/*.{${EXTENSIONS.join(',')}}`];

/** A file to ingest: where it is, and how the summary names it. */
export interface FoundFile {
  path: string;
  /** Relative to the folder argument it was found in, or the argument itself. */
  label: string;
}

export interface CollectOptions {
  /** Globs a folder's files must match (relative to that folder); default {@link DEFAULT_INCLUDE}. */
  include?: readonly string[];
  /** Globs that leave a folder's files out. */
  exclude?: readonly string[];
}

const matchesAny = (file: string, globs: readonly string[]) => globs.some((glob) => path.matchesGlob(file, glob));

/**
 * The files behind the arguments: a file as named; a folder's files recursively, filtered by the
 * globs (hidden files and folders never match `*`), in a stable order. A missing path is a usage error.
 */
export const collectFiles = async (args: readonly string[], options: CollectOptions = {}): Promise<FoundFile[]> => {
  const include = options.include?.length ? options.include : DEFAULT_INCLUDE;
  const exclude = options.exclude ?? [];
  const found: FoundFile[] = [];
  for (const arg of args) {
    const info = await stat(arg).catch(() => null);
    if (info === null) throw new CliError(`${arg}: no such file or folder`, EXIT.usage);
    if (info.isFile()) {
      found.push({ path: path.resolve(arg), label: arg });
      continue;
    }
    const entries = await readdir(arg, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(arg, path.join(entry.parentPath, entry.name)))
      .filter((relative) => matchesAny(relative, include) && !matchesAny(relative, exclude))
      .sort();
    for (const relative of files) found.push({ path: path.resolve(arg, relative), label: path.join(arg, relative) });
  }
  const seen = new Set<string>();
  return found.filter((file) => !seen.has(file.path) && seen.add(file.path));
};
