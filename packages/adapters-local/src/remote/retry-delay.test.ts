import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, retryAfterDelay } from './retry-delay.ts';

describe('retryAfterDelay', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  const delay = (headers: Record<string, string>): number | undefined => retryAfterDelay(new Headers(headers), now);

  it('reads seconds, HTTP dates and retry-after-ms, preferring the millisecond header', () => {
    expect(delay({ 'retry-after': '2' })).toBe(2_000);
    expect(delay({ 'retry-after': '0.5' })).toBe(500);
    expect(delay({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' })).toBe(3_000);
    expect(delay({ 'retry-after-ms': '120', 'retry-after': '2' })).toBe(120);
  });

  it('ignores missing, unparsable, past-negative and overlong values', () => {
    expect(delay({})).toBeUndefined();
    expect(delay({ 'retry-after': 'soon' })).toBeUndefined();
    expect(delay({ 'retry-after': 'Tue, 31 Dec 2024 23:59:00 GMT' })).toBeUndefined();
    expect(delay({ 'retry-after': String(MAX_RETRY_AFTER_MS / 1000 + 1) })).toBeUndefined();
  });
});
