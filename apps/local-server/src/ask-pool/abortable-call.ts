/** How a pending call is settled. */
export interface Settle<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

/**
 * Ties a call that another thread answers to the caller's abort signal: if the signal aborts first,
 * `onAbort` runs (forget the call, tell the other side) and the call rejects with the signal's reason
 * at once; once settled either way, the listener is gone.
 */
export const abortable = <T>(signal: AbortSignal | undefined, settle: Settle<T>, onAbort: () => void): Settle<T> => {
  const leave = () => {
    onAbort();
    settle.reject(signal?.reason);
  };
  signal?.addEventListener('abort', leave, { once: true });
  const done = () => signal?.removeEventListener('abort', leave);
  return {
    resolve: (value) => {
      done();
      settle.resolve(value);
    },
    reject: (error) => {
      done();
      settle.reject(error);
    },
  };
};
