import { describeJobQueueContract } from '@docent/testing';
import { InMemoryJobQueue } from './in-memory-job-queue.ts';

describeJobQueueContract('InMemoryJobQueue', async (clock) => ({ queue: new InMemoryJobQueue({ clock }) }));
