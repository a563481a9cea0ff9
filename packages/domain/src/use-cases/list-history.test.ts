import { describe, expect, it } from 'vitest';
import { createWorld } from '../../test-support/in-memory-world.ts';
import { ListHistory } from './list-history.ts';

describe('ListHistory', () => {
  it('lists the caller’s questions newest first, a page at a time, and nobody else’s', async () => {
    const world = createWorld();
    const [alice, bob] = [await world.user(), await world.user()];
    await world.uploadText(alice, 'a.txt', 'The default compression level is six.');
    await world.drainJobs();
    for (const question of ['What is the default level?', 'Which compression?', 'Is it six?']) {
      world.clock.advance(1000);
      await world.ask.execute(alice, { question });
    }
    await world.ask.execute(bob, { question: 'Anything?' });
    const history = new ListHistory(world.ports);
    const first = await history.execute(alice, { limit: 2 });
    expect(first.items.map((e) => e.question)).toEqual(['Is it six?', 'Which compression?']);
    const rest = await history.execute(alice, { cursor: first.nextCursor ?? undefined });
    expect(rest.items.map((e) => e.question)).toEqual(['What is the default level?']);
    expect(rest.nextCursor).toBeNull();
    expect((await history.execute(bob, {})).items.map((e) => e.question)).toEqual(['Anything?']);
    await expect(history.execute(alice, { limit: -1 })).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
