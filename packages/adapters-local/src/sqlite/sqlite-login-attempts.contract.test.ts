import { describeLoginAttemptsContract } from '@docent/testing';
import { openTemporaryStore } from '../../test-support/temporary-store.ts';

describeLoginAttemptsContract('SqliteLoginAttempts', async () => {
  const { store, cleanup } = openTemporaryStore();
  return { attempts: store.LoginAttempts, cleanup };
});
