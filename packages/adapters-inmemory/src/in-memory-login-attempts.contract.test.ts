import { describeLoginAttemptsContract } from '@docent/testing';
import { InMemoryLoginAttempts } from './in-memory-login-attempts.ts';

describeLoginAttemptsContract('InMemoryLoginAttempts', async () => ({ attempts: new InMemoryLoginAttempts() }));
