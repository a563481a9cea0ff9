/**
 * Keeps a worker thread from being stopped while it is inside onnxruntime-node's native code.
 * Stopping a thread there (`worker.terminate()`, or the process exiting while the worker runs)
 * aborts the whole process: the binding's N-API calls fail once the thread is terminating, and the
 * C++ exception they throw ends in `std::terminate` (measured: exit code 134 every time the process
 * exited while a worker multiplied). So each native call passes a gate shared with the thread that
 * owns the worker, which closes the gate and waits for the call inside to return before stopping it.
 *
 * The gate is two shared flags: the worker raises "inside" before it reads "closed", and the owner
 * raises "closed" before it reads "inside" (sequentially consistent atomics), so a call either sees
 * the gate closed and never enters, or the owner sees it inside and waits for it.
 */

const CLOSED = 0;
const INSIDE = 1;

/** Memory for one gate, to send to a worker (`workerData`) and keep on the owner's side. */
export const createNativeGate = (): SharedArrayBuffer => new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);

/** Thrown by `throughGate` once the owner has closed the gate: the thread is being stopped. */
export class GateClosedError extends Error {
  constructor() {
    super('The thread is stopping: native calls are closed');
    this.name = 'GateClosedError';
  }
}

/**
 * Runs `call` (native code) unless the gate is closed.
 * @throws GateClosedError when the gate is closed, without running `call`.
 */
export const throughGate = <T>(gate: SharedArrayBuffer, call: () => T): T => {
  const flags = new Int32Array(gate);
  Atomics.store(flags, INSIDE, 1);
  try {
    if (Atomics.load(flags, CLOSED) === 1) throw new GateClosedError();
    return call();
  } finally {
    Atomics.store(flags, INSIDE, 0);
    Atomics.notify(flags, INSIDE);
  }
};

/**
 * Closes the gate and blocks this thread until no call is inside (one native product: milliseconds),
 * or `timeoutMs` passes. Synchronous, so it can run in a process `exit` listener.
 * @returns false when a call was still inside after `timeoutMs`.
 */
export const closeNativeGate = (gate: SharedArrayBuffer, timeoutMs = 10_000): boolean => {
  const flags = new Int32Array(gate);
  Atomics.store(flags, CLOSED, 1);
  const deadline = Date.now() + timeoutMs;
  while (Atomics.load(flags, INSIDE) === 1) {
    const left = deadline - Date.now();
    if (left <= 0 || Atomics.wait(flags, INSIDE, 1, left) === 'timed-out') return Atomics.load(flags, INSIDE) === 0;
  }
  return true;
};
