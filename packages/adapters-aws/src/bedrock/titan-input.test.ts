import { describe, expect, it } from 'vitest';
import { TITAN_MAX_INPUT_CHARACTERS, titanInputText, tokenOverflowKeepShare, truncateText } from './titan-input.ts';

describe('truncateText', () => {
  it('returns a text within the limit unchanged', () => {
    expect(truncateText('short text ', 11)).toBe('short text ');
  });

  it('cuts at the last whitespace near the limit, dropping the half word and trailing spaces', () => {
    const text = `${'word '.repeat(19)}wordy tail`;
    const cut = truncateText(text, 100);
    expect(cut).toBe('word '.repeat(19).trimEnd());
  });

  it('cuts hard when the last whitespace is far back, keeping most of an unbroken run', () => {
    const text = `a ${'x'.repeat(200)}`;
    expect(truncateText(text, 100)).toBe(`a ${'x'.repeat(98)}`);
  });

  it('never splits a surrogate pair', () => {
    const text = `${'x'.repeat(99)}😀${'y'.repeat(10)}`;
    const cut = truncateText(text, 100);
    expect(cut).toBe('x'.repeat(99));
    expect(truncateText(`${'x'.repeat(98)}😀z`, 100)).toBe(`${'x'.repeat(98)}😀`);
  });

  it('keeps the hard cut rather than returning nothing when only whitespace precedes the boundary', () => {
    const text = `${' '.repeat(95)}${'x'.repeat(10)}`;
    expect(truncateText(text, 100)).toBe(text.slice(0, 100));
  });
});

describe('titanInputText', () => {
  it('sends a single space for an empty text, which Titan would reject', () => {
    expect(titanInputText('')).toBe(' ');
    expect(titanInputText('café 文書')).toBe('café 文書');
  });

  it('cuts to 50,000 characters', () => {
    const sent = titanInputText('abcdefghi '.repeat(6_000));
    expect(sent.length).toBeLessThanOrEqual(TITAN_MAX_INPUT_CHARACTERS);
    expect(sent.length).toBeGreaterThan(49_000);
    expect(sent.endsWith('abcdefghi')).toBe(true);
  });
});

describe('tokenOverflowKeepShare', () => {
  const validation = (message: string) => Object.assign(new Error(message), { name: 'ValidationException' });

  it('keeps the share Titan reports fits, with a margin', () => {
    const error = validation(
      '400 Bad Request: Too many input tokens. Max input tokens: 8192, request input token count: 9875 ',
    );
    expect(tokenOverflowKeepShare(error)).toBeCloseTo((0.95 * 8192) / 9875, 10);
  });

  it('always shrinks, even when the counts barely differ or are missing', () => {
    expect(
      tokenOverflowKeepShare(
        validation('Too many input tokens. Max input tokens: 8192, request input token count: 8193'),
      ),
    ).toBe(0.9);
    expect(tokenOverflowKeepShare(validation('Too many input tokens'))).toBe(0.8);
  });

  it('is undefined for any other error', () => {
    expect(
      tokenOverflowKeepShare(validation('Malformed input request: #/inputText: expected minLength: 1')),
    ).toBeUndefined();
    expect(tokenOverflowKeepShare('Too many input tokens')).toBeUndefined();
    expect(tokenOverflowKeepShare(undefined)).toBeUndefined();
  });
});
