/** Secret words planted in documents (`xqz…`) and questions (`qzx…`): a letters-only token survives every tokenizer. */
const SECRET = /\b(?:xqz|qzx)[a-z]{6}\b/g;

const strings = function* (value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* strings(item);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) yield* strings(item);
};

const letters = (n: number): string => {
  let word = '';
  for (let i = 0; i < 6; i++, n = Math.floor(n / 26)) word += String.fromCharCode(97 + (n % 26));
  return word;
};

/**
 * Who may see what, across every user a test created: each id (document, chunk, history entry,
 * conversation) with the users who were given it or sent it, and each secret word with the users
 * who uploaded or asked it. A response violates isolation when any string in it is an id or holds
 * a secret that its caller is not entitled to.
 */
export class OwnershipLedger {
  readonly #idHolders = new Map<string, Set<string>>();
  readonly #secretReaders = new Map<string, Set<string>>();
  #secrets = 0;

  /** A fresh secret word (`xqz…` for documents, `qzx…` for questions), readable by nobody yet. */
  newSecret(kind: 'document' | 'question'): string {
    const secret = `${kind === 'document' ? 'xqz' : 'qzx'}${letters(this.#secrets++)}`;
    this.#secretReaders.set(secret, new Set());
    return secret;
  }

  /** `user` may see `secret` from now on (they uploaded the document or asked the question). */
  grantSecret(secret: string, user: string): void {
    this.#secretReaders.get(secret)?.add(user);
  }

  /** `user` was given `id` by the API, or sent it themselves. */
  grantId(id: string, user: string): void {
    const holders = this.#idHolders.get(id) ?? new Set<string>();
    holders.add(user);
    this.#idHolders.set(id, holders);
  }

  /** Grants `id` to `user` unless someone already holds it (then `violations` reports it). */
  claimId(id: string, user: string): void {
    if (!this.#idHolders.has(id)) this.grantId(id, user);
  }

  /** True when someone other than `user` already holds `id`. */
  isForeign(id: string, user: string): boolean {
    const holders = this.#idHolders.get(id);
    return holders !== undefined && !holders.has(user);
  }

  /** Every string of `body` that is another user's id or carries a secret `user` may not read. */
  violations(user: string, body: unknown): string[] {
    const found: string[] = [];
    for (const text of strings(body)) {
      if (this.isForeign(text, user)) found.push(`id ${text} of ${[...(this.#idHolders.get(text) ?? [])]}`);
      for (const [secret] of text.matchAll(SECRET)) {
        if (!this.#secretReaders.get(secret)?.has(user)) found.push(`secret ${secret} in "${text.slice(0, 80)}"`);
      }
    }
    return found;
  }
}
