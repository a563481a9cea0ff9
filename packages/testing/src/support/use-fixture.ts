import { afterEach, beforeEach } from 'vitest';

/** What every contract `setup` returns: the port(s) under test and how to dispose of them. */
export interface Fixture {
  /** Releases what setup created (temporary files, connections). */
  cleanup?: () => Promise<void>;
}

/**
 * Registers hooks in the current `describe` that build a fresh fixture before each test and clean
 * it up after; the returned getter gives the current test's fixture.
 */
export const useFixture = <F extends Fixture>(setup: () => Promise<F>): (() => F) => {
  let current: F | undefined;
  beforeEach(async () => {
    current = await setup();
  });
  afterEach(async () => {
    const done = current;
    current = undefined;
    await done?.cleanup?.();
  });
  return () => {
    if (current === undefined) throw new Error('The fixture is only available inside a test');
    return current;
  };
};
