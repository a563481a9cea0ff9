import { totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { prewarmBytes, prewarmSchema } from './prewarm-config.ts';

describe("loadConfig: the store's pre-read at open", () => {
  it('pre-reads up to 1 GiB of the store at open by default, at most a quarter of memory; 0 turns it off', () => {
    const defaults = { DOCENT_PREWARM_MIB: prewarmSchema.DOCENT_PREWARM_MIB.parse(undefined) };
    const memory = (bytes: number) => prewarmBytes(defaults, bytes);
    expect(memory(64 * 2 ** 30)).toBe(2 ** 30);
    expect(memory(2 * 2 ** 30)).toBe(512 * 2 ** 20);
    expect(prewarmBytes({ DOCENT_PREWARM_MIB: 0 }, 64 * 2 ** 30)).toBe(0);
    expect(prewarmBytes({ DOCENT_PREWARM_MIB: 4096 }, 64 * 2 ** 30)).toBe(4 * 2 ** 30);
    expect(loadConfig({ DOCENT_PREWARM_MIB: '0' }, '/srv').prewarmBytes).toBe(0);
    expect(loadConfig({}, '/srv').prewarmBytes).toBe(Math.min(2 ** 30, Math.floor(totalmem() / 4)));
    for (const wrong of ['-1', '1.5', 'lots']) {
      expect(() => loadConfig({ DOCENT_PREWARM_MIB: wrong }, '/srv')).toThrow(/DOCENT_PREWARM_MIB/);
    }
  });
});
