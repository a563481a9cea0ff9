import type { LocalConfig } from './config.ts';
import { type LocalServer, startLocalServer } from './server.ts';

/**
 * Runs the local server as a foreground process: starts it, prints where it listens (the line
 * `docent serve` and the end-to-end tests wait for), and closes it cleanly on SIGINT or SIGTERM,
 * exiting 0, or 1 when closing failed.
 */
export const serveUntilSignal = async (config: LocalConfig): Promise<LocalServer> => {
  const server = await startLocalServer(config);
  console.log(`Docent listening on ${server.url} (data in ${config.dataDir})`);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    server.app.log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  return server;
};
