import { totalmem } from 'node:os';
import { z } from 'zod';

const MIB = 1024 * 1024;

/**
 * The store's pre-read at open (docs/adr/0030-warm-start.md): MiB of the database file read into the
 * OS page cache in the background; 0 turns it off. 1 GiB holds the pages questions read for about
 * 800k chunks (~1.2 KiB per chunk), and a whole store of about 100k chunks.
 */
export const prewarmSchema = {
  DOCENT_PREWARM_MIB: z.coerce.number().int().min(0).max(1_048_576).default(1024),
};

type PrewarmSettings = { [K in keyof typeof prewarmSchema]: z.infer<(typeof prewarmSchema)[K]> };

/**
 * Bytes the store may pre-read: the setting, but at most a quarter of the machine's memory, so a
 * small machine does not push out of its page cache what its other work needs.
 */
export const prewarmBytes = (c: PrewarmSettings, memoryBytes: number = totalmem()): number =>
  Math.min(c.DOCENT_PREWARM_MIB * MIB, Math.floor(memoryBytes / 4));
