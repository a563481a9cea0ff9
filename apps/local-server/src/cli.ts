#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { evalCommand, UsageError } from './eval/index.ts';
import { startLocalServer } from './server.ts';

const USAGE = `Usage: docent <command>

Commands:
  serve     start the HTTP server on the embedded defaults (settings from the environment; see README)
  eval      evaluate retrieval and abstention on a QA set (docent eval --help)
  help      show this text`;

const serve = async (): Promise<void> => {
  const config = loadConfig(process.env, process.cwd());
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
};

const main = async (): Promise<void> => {
  const { positionals } = parseArgs({ allowPositionals: true, strict: false });
  const command = positionals[0] ?? 'serve';
  if (command === 'serve') return serve();
  if (command === 'eval') return evalCommand(process.argv.slice(2).slice(process.argv.slice(2).indexOf('eval') + 1));
  console.log(USAGE);
  if (command !== 'help') process.exitCode = 2;
};

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof UsageError ? error.message : error);
  process.exit(error instanceof UsageError ? 2 : 1);
});
