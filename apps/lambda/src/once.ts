/**
 * Memoises an async factory for the life of the container (cold-start work done once); a failure
 * is not kept, so the next invocation builds again instead of failing until the container is recycled.
 */
export const once = <T>(create: () => Promise<T>): (() => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => {
    value ??= create().catch((error: unknown) => {
      value = undefined;
      throw error;
    });
    return value;
  };
};
