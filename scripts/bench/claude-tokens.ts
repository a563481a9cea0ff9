import { getTokenizer } from '@anthropic-ai/tokenizer';

/** Counts tokens as Claude's tokenizer splits them; `free` releases its WASM memory. */
export interface TokenCounter {
  count(text: string): number;
  free(): void;
}

/**
 * One tokenizer for many counts. The package's own `countTokens` builds the tokenizer from its
 * 65k-entry BPE table on every call, which made counting qa-dev's windows take minutes.
 */
export const createTokenCounter = (): TokenCounter => {
  const tokenizer = getTokenizer();
  return {
    // NFKC first, as the package's countTokens does.
    count: (text) => tokenizer.encode(text.normalize('NFKC'), 'all').length,
    free: () => tokenizer.free(),
  };
};
