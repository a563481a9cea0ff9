/**
 * `docent eval ...` (see `EVAL_USAGE` in eval/eval-command.ts). The harness loads only when it
 * runs, so every other command of the CLI, which imports this package, starts without it.
 */
export const evalCommand = async (args: readonly string[]): Promise<void> =>
  (await import('./eval/eval-command.ts')).evalCommand(args);
