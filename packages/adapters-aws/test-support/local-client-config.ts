import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * How the tests' AWS clients reach a local protocol server: its endpoint, static fake credentials,
 * and no retries (tests see each failure).
 */
export const localClientConfig = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret' },
  maxAttempts: 1,
});

/** Starts `server` on a free port of 127.0.0.1 and returns its `http://` endpoint. */
export const listenLocally = async (server: Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
