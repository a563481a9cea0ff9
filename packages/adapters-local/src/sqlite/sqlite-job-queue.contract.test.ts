import { describeJobQueueContract } from '@docent/testing';
import { openTemporaryStore } from '../../test-support/temporary-store.ts';

describeJobQueueContract('SqliteJobQueue', async (clock) => {
  const { store, cleanup } = openTemporaryStore({ clock });
  return { queue: store.JobQueue, cleanup };
});
