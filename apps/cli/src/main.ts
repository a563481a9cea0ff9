#!/usr/bin/env node
import { CommanderError } from 'commander';
import { CliError, EXIT } from './client/cli-error.ts';
import { buildProgram } from './program.ts';

/** The exit code for a failure, after saying what went wrong on stderr in one or a few lines. */
const report = async (error: unknown): Promise<number> => {
  // Commander has printed its own message (or the help, or the version) already.
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof CliError) {
    console.error(`docent: ${error.message}`);
    return error.exitCode;
  }
  const { ConfigError, UsageError } = await import('@docent/local-server');
  if (error instanceof ConfigError) {
    console.error(`docent: ${error.message}`);
    return EXIT.config;
  }
  if (error instanceof UsageError) {
    console.error(error.message);
    return EXIT.usage;
  }
  const { isDocentError } = await import('@docent/domain');
  if (isDocentError(error)) {
    console.error(`docent: ${error.code}: ${error.message}`);
    return EXIT.failed;
  }
  console.error(error);
  return EXIT.failed;
};

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = await report(error);
}
