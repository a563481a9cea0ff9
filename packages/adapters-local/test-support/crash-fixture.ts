/** Shared by the crash test and its child process. */
export const CRASH_DIMENSIONS = 16;
export const CRASH_OWNER = 'crash-owner';
