import type { Clock } from '../ports/clock.ts';

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };
