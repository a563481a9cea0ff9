import { loadConfig } from '@docent/local-server';
import type { DocentClient } from './docent-client.ts';
import type { GlobalOptions } from './global-options.ts';
import { cliEnv } from './global-options.ts';

/**
 * The client the global options ask for: over HTTP with `--url` (or `DOCENT_URL`), else on the
 * embedded store of `--data-dir` / `DOCENT_DATA_DIR`, acting for `--user` or the local user.
 */
export const openClient = async (options: GlobalOptions): Promise<DocentClient> => {
  const url = options.url ?? process.env.DOCENT_URL;
  if (url !== undefined && url !== '') {
    const { HttpClient } = await import('./http-client.ts');
    return new HttpClient(url, process.env.DOCENT_TOKEN || undefined);
  }
  const { EmbeddedClient } = await import('./embedded-client.ts');
  return EmbeddedClient.open(loadConfig(cliEnv(options), process.cwd()), options.user);
};

/** Runs `work` with a client and always closes it (releasing the data dir's lock). */
export const withClient = async <T>(options: GlobalOptions, work: (client: DocentClient) => Promise<T>): Promise<T> => {
  const client = await openClient(options);
  try {
    return await work(client);
  } finally {
    await client.close();
  }
};
