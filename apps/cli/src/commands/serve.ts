import { loadConfig, serveUntilSignal } from '@docent/local-server';
import { cliEnv, type GlobalOptions } from '../client/global-options.ts';

/** `docent serve`: the HTTP server and web app on the embedded store, until SIGINT or SIGTERM. */
export const serve = async (options: GlobalOptions & { port?: string; host?: string }): Promise<void> => {
  const env = {
    ...cliEnv(options),
    ...(options.port === undefined ? {} : { PORT: options.port }),
    ...(options.host === undefined ? {} : { HOST: options.host }),
  };
  await serveUntilSignal(loadConfig(env, process.cwd()));
};
