import { describeLoginAttemptsContract } from '@docent/testing';
import { openTemporaryStore } from '../store/temporary-store.ts';

describeLoginAttemptsContract('SqliteLoginAttempts', async () => {
  const { store, cleanup } = openTemporaryStore();
  return { attempts: store.LoginAttempts, cleanup };
});
