import { DocentError } from '@docent/domain';

/** The DocentError a promise rejects with; throws when it resolves or rejects with anything else. */
export const failure = async (promise: Promise<unknown>): Promise<DocentError> => {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (reason: unknown) => reason,
  );
  if (!(error instanceof DocentError)) throw error;
  return error;
};
