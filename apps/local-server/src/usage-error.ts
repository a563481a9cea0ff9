/** Thrown for a command line that cannot run; the message says why (the CLI exits 2). */
export class UsageError extends Error {}
