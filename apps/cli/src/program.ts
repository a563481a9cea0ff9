import { Command, InvalidArgumentError } from 'commander';
import cliPackage from '../package.json' with { type: 'json' };
import { embeddedOnly } from './client/cli-error.ts';
import type { DocentClient } from './client/docent-client.ts';
import type { GlobalOptions } from './client/global-options.ts';
import { Terminal } from './output/terminal.ts';

// Command modules load inside their actions: `--help` and `--version` then load neither the store
// nor the server, and answer at once.

const HELP_FOOTER = `
Modes:
  By default each command opens the embedded store in --data-dir (DOCENT_DATA_DIR, default ./data)
  and acts for the local user local@docent.invalid (created on first use) or --user EMAIL. With --url
  (or DOCENT_URL) it talks to a running Docent over HTTP, with the bearer token in DOCENT_TOKEN.

Exit codes:
  0 ok, 1 failed (an error, or a file that did not ingest), 2 bad command line, 3 data directory
  in use by a running server (use --url), 4 invalid configuration.

Settings are DOCENT_* environment variables (docent config check shows them). Docs: docs/cli.md`;

const positiveInt = (value: string): number => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return number;
};

const repeatable = (value: string, previous: string[] = []): string[] => [...previous, value];

const globalsOf = (command: Command): GlobalOptions => command.optsWithGlobals<GlobalOptions>();

/** An action that runs with a client (embedded or HTTP) and sets the exit code it returns. */
const withClientAction =
  <A extends unknown[]>(
    work: (client: DocentClient, terminal: Terminal, globals: GlobalOptions, ...args: A) => Promise<number>,
  ) =>
  async (...args: unknown[]): Promise<void> => {
    const command = args.at(-1) as Command;
    const globals = globalsOf(command);
    const { withClient } = await import('./client/open-client.ts');
    process.exitCode = await withClient(globals, (client) =>
      work(client, new Terminal(globals), globals, ...(args.slice(0, -1) as A)),
    );
  };

/** An action on the data dir itself (no client); refused with `--url`. */
const embeddedAction =
  (name: string, work: (terminal: Terminal, globals: GlobalOptions, value: string) => Promise<number>) =>
  async (value: string, _options: unknown, command: Command): Promise<void> => {
    const globals = globalsOf(command);
    if (globals.url !== undefined || process.env.DOCENT_URL) throw embeddedOnly(name);
    process.exitCode = await work(new Terminal(globals), globals, value);
  };

const addDocumentCommands = (program: Command) => {
  const docs = program.command('docs').description('list, show and remove documents');
  docs
    .command('list')
    .description("the user's documents, newest first")
    .action(
      withClientAction(async (client, terminal) => (await import('./commands/docs.ts')).listDocs(client, terminal)),
    );
  docs
    .command('show')
    .description('one document (by id or file name) and its processing state')
    .argument('<document>', 'document id or file name')
    .option('--text', 'also print its normalised text')
    .action(
      withClientAction(async (client, terminal, _globals, ref: string, options: { text?: boolean }) =>
        (await import('./commands/docs.ts')).showDoc(client, terminal, ref, options),
      ),
    );
  docs
    .command('rm')
    .description('delete documents and everything derived from them')
    .argument('<documents...>', 'document ids or file names')
    .action(
      withClientAction(async (client, terminal, _globals, refs: string[]) =>
        (await import('./commands/docs.ts')).removeDocs(client, terminal, refs),
      ),
    );
};

const addQuestionCommands = (program: Command) => {
  const scope = (command: Command) =>
    command
      .option('--docs <documents>', 'only these documents: ids or file names, comma-separated (repeatable)', repeatable)
      .option('--top-k <n>', 'how many ranked passages to return (default 10)', positiveInt);
  type AskFlags = { docs?: string[]; topK?: number };
  const flags = (options: AskFlags) => ({
    ...(options.docs === undefined
      ? {}
      : { docs: options.docs.flatMap((d) => d.split(',').map((s) => s.trim())).filter(Boolean) }),
    ...(options.topK === undefined ? {} : { topK: options.topK }),
  });
  scope(
    program
      .command('ask')
      .description('answer a question from your documents, with citations (document, page, quoted span)')
      .argument('<question>', 'the question, in quotes'),
  ).action(
    withClientAction(async (client, terminal, _globals, question: string, options: AskFlags) =>
      (await import('./commands/ask.ts')).ask(client, terminal, question, flags(options)),
    ),
  );
  scope(
    program
      .command('search')
      .description('the ranked passages that match a query, without an answer')
      .argument('<query>', 'what to look for, in quotes'),
  ).action(
    withClientAction(async (client, terminal, _globals, query: string, options: AskFlags) =>
      (await import('./commands/search.ts')).search(client, terminal, query, flags(options)),
    ),
  );
};

const addStoreCommands = (program: Command) => {
  program
    .command('ingest')
    .description(
      'add files and folders (recursively): new content is processed with progress, unchanged files are skipped',
    )
    .argument('<paths...>', 'files and folders')
    .option('--include <glob>', "a folder's files to take (repeatable; default the readable types)", repeatable)
    .option('--exclude <glob>', "a folder's files to leave out (repeatable)", repeatable)
    .action(
      withClientAction(
        async (client, terminal, _globals, paths: string[], options: { include?: string[]; exclude?: string[] }) =>
          (await import('./commands/ingest.ts')).ingest(client, terminal, paths, options),
      ),
    );
  program
    .command('reindex')
    .description(
      "process every finished document again, e.g. after the embedder or pipeline changed (every user, or --user; with --url the token's user)",
    )
    .action(
      withClientAction(async (client, terminal, globals) =>
        (await import('./commands/reindex.ts')).reindex(client, terminal, { allUsers: globals.user === undefined }),
      ),
    );
  const users = program.command('users').description('accounts that sign in to the web app and the API');
  users
    .command('add')
    .description('add an account; the password is read from stdin')
    .argument('<email>')
    .action(
      withClientAction(async (client, terminal, _globals, email: string) =>
        (await import('./commands/users.ts')).addUser(client, terminal, email),
      ),
    );
  users
    .command('list')
    .description('every account (embedded store only)')
    .action(
      withClientAction(async (client, terminal) => (await import('./commands/users.ts')).listUsers(client, terminal)),
    );
  program
    .command('backup')
    .description('back up the data dir into one archive file (.tar.gz); safe while docent serve runs')
    .argument('<file>', 'the archive to write (must not exist)')
    .action(
      embeddedAction('backup', async (terminal, globals, file) =>
        (await import('./commands/backup.ts')).backup(terminal, file, globals),
      ),
    );
  program
    .command('restore')
    .description('fill an empty data dir from a backup archive, every checksum verified')
    .argument('<file>', 'an archive written by docent backup')
    .action(
      embeddedAction('restore', async (terminal, globals, file) =>
        (await import('./commands/backup.ts')).restore(terminal, file, globals),
      ),
    );
};

const addServerCommands = (program: Command) => {
  program
    .command('serve')
    .description('start the HTTP API and web app on the embedded store (until Ctrl-C)')
    .option('--port <port>', 'port to listen on (default PORT or 3000)')
    .option('--host <host>', 'address to listen on (default HOST or 127.0.0.1)')
    .action(async (_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions & { port?: string; host?: string }>();
      if (globals.url !== undefined) throw embeddedOnly('serve');
      await (await import('./commands/serve.ts')).serve(globals);
    });
  const config = program.command('config').description('the configuration from DOCENT_* settings');
  config
    .command('check')
    .description('print the resolved configuration (secrets redacted), or every problem (exit 4)')
    .action(async (_options: unknown, command: Command) => {
      const globals = globalsOf(command);
      process.exitCode = (await import('./commands/config-check.ts')).configCheck(new Terminal(globals), globals);
    });
  program
    .command('eval')
    .description('evaluate retrieval and answers on QA sets (docent eval --help)')
    .argument('[args...]', 'QA set folders and eval options')
    .helpOption(false)
    .allowUnknownOption()
    .action(async (args: string[]) => {
      const { evalCommand } = await import('@docent/local-server');
      await evalCommand(args);
    });
};

/** The `docent` command line. */
export const buildProgram = (): Command => {
  // Settings made before `.command()` (the exit override, help after errors) pass to every subcommand.
  const program = new Command('docent')
    .description('Docent: ask questions of your documents and get answers with citations.')
    .version(cliPackage.version, '-V, --version', 'print the version')
    .option('--url <url>', 'talk to a running Docent over HTTP (token in DOCENT_TOKEN) instead of the embedded store')
    .option('--data-dir <dir>', "the embedded store's folder (default DOCENT_DATA_DIR or ./data)")
    .option('--user <email>', 'act as this account on the embedded store (default local@docent.invalid)')
    .option('--json', 'machine-readable output on stdout')
    .addHelpText('after', HELP_FOOTER)
    .showHelpAfterError('(docent --help for usage)')
    .exitOverride();
  addStoreCommands(program);
  addQuestionCommands(program);
  addDocumentCommands(program);
  addServerCommands(program);
  return program;
};
