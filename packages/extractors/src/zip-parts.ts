import { DocentError } from '@docent/domain';
import { decodeUtf8 } from './utf8-text.ts';
import { InflateBudget, readZipMembers, zipMemberNames } from './zip-archive.ts';

/** A ZIP member path relative to the member `from` (e.g. a relationship target), with `..` resolved. */
export const resolvePartPath = (from: string, target: string): string => {
  const decoded = (() => {
    try {
      return decodeURIComponent(target.split('#')[0] ?? '');
    } catch {
      return target;
    }
  })();
  const parts = decoded.startsWith('/') ? [] : from.split('/').slice(0, -1);
  for (const segment of decoded.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  return parts.join('/');
};

/**
 * The XML parts of a zipped-XML format (PPTX, XLSX, ODF, EPUB), read in rounds against one inflate
 * budget for the whole document: a format reads its root part, then the parts it names.
 */
export class ZipParts {
  readonly #bytes: Uint8Array;
  readonly #budget: InflateBudget;
  readonly #label: string;

  /** `label` names the format in `extraction_failed` messages, e.g. `PowerPoint`. */
  constructor(bytes: Uint8Array, maxInflatedBytes: number, label: string) {
    this.#bytes = bytes;
    this.#budget = new InflateBudget(maxInflatedBytes);
    this.#label = label;
  }

  /** Member names of the archive; `extraction_failed` when it cannot be read. */
  names(): string[] {
    const names = zipMemberNames(this.#bytes);
    if (names === null) throw this.failed('it is not a readable ZIP archive');
    return names;
  }

  /** The named parts that exist, as text; `too_large` past the budget, `extraction_failed` for non-UTF-8. */
  read(names: readonly string[]): Map<string, string> {
    const texts = new Map<string, string>();
    for (const [name, bytes] of readZipMembers(this.#bytes, names, this.#budget)) {
      const text = decodeUtf8(bytes);
      if (text === null) throw this.failed(`${name} is not UTF-8`);
      texts.set(name, text);
    }
    return texts;
  }

  /** One part as text; `extraction_failed` when it is missing. */
  require(name: string): string {
    const text = this.read([name]).get(name);
    if (text === undefined) throw this.failed(`${name} is missing`);
    return text;
  }

  /** `extraction_failed` naming the format and the reason. */
  failed(reason: string, cause?: unknown): DocentError {
    return new DocentError('extraction_failed', `The ${this.#label} file could not be read: ${reason}.`, { cause });
  }
}
