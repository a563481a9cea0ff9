import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STOP_WORDS } from '../text/stop-words.ts';
import { looksEnglish } from './english-word.ts';

describe('looksEnglish', () => {
  it('accepts ordinary words, inflections included', () => {
    for (const w of [
      'length',
      'algorithm',
      'quicker',
      'strengths',
      'boiled',
      'discarding',
      'yes',
      'rhythm',
      'extinct',
    ]) {
      expect(looksEnglish(w), w).toBe(true);
    }
  });

  it('rejects coined names by the shape of their consonant clusters', () => {
    for (const w of ['tmux', 'wget', 'zstd', 'xz', 'bzip', 'lzma', 'nginx', 'libxml', 'openssl', 'sqlite', 'kubectl']) {
      expect(looksEnglish(w), w).toBe(false);
    }
  });

  it('rejects anything that is not a lower-case alphabetic word', () => {
    for (const w of ['', 'Curl', 'bzip2', 'a-b', 'über']) expect(looksEnglish(w), w).toBe(false);
  });

  it('property: stop words always pass, words without a vowel never do', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STOP_WORDS), (w) => {
        expect(looksEnglish(w)).toBe(true);
      }),
    );
    const consonants = fc.stringMatching(/^[bcdfghjklmnpqrstvwxz]{2,8}$/);
    fc.assert(
      fc.property(consonants, (w) => {
        expect(looksEnglish(w)).toBe(false);
      }),
    );
  });
});
