#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DocentError } from '@docent/domain';
import { ConfigError, loadConfig } from './config.ts';
import { evalCommand, UsageError } from './eval/index.ts';
import { startLocalServer } from './server.ts';
import { BACKUP_USAGE, backupCommand, RESTORE_USAGE, restoreCommand } from './store-commands.ts';

const USAGE = `Usage: docent <command>

Commands:
  serve     start the HTTP server on the embedded defaults (settings from the environment; see README)
  eval      evaluate retrieval and abstention on a QA set (docent eval --help)
  backup    copy the data dir (database, files, manifest) into an empty folder; safe while serve runs
            ${BACKUP_USAGE}
  restore   fill an empty data dir from a backup, every checksum verified
            ${RESTORE_USAGE}
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
  const rest = process.argv.slice(2).slice(process.argv.slice(2).indexOf(command) + 1);
  if (command === 'eval') return evalCommand(rest);
  if (command === 'backup') return backupCommand(rest);
  if (command === 'restore') return restoreCommand(rest);
  console.log(USAGE);
  if (command !== 'help') process.exitCode = 2;
};

/** Expected failures print one line (a DocentError with its stable code); anything else prints in full. */
const describeFailure = (error: unknown): unknown => {
  if (error instanceof DocentError) return `${error.code}: ${error.message}`;
  return error instanceof ConfigError || error instanceof UsageError ? error.message : error;
};

main().catch((error: unknown) => {
  console.error(describeFailure(error));
  process.exit(error instanceof UsageError ? 2 : 1);
});
