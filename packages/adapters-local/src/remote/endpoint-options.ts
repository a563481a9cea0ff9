import { DocentError } from '@docent/domain';

/**
 * `{baseUrl}/{path}`, keeping the base's own path (`http://host/v1` → `http://host/v1/chat/completions`).
 *
 * @throws DocentError `validation_failed` when `baseUrl` is not an http(s) URL.
 */
export const endpointUrl = (baseUrl: string, path: string): URL => {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return invalidOption('baseUrl', `baseUrl is not a URL: ${baseUrl}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') invalidOption('baseUrl', 'baseUrl must be http(s)');
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path}`;
  return url;
};

/**
 * `value` when it is a safe integer of at least `minimum`.
 *
 * @throws DocentError `validation_failed` naming the option otherwise.
 */
export const integerOption = (name: string, value: number, minimum: number): number => {
  if (!Number.isSafeInteger(value) || value < minimum) {
    invalidOption(name, `${name} must be an integer of at least ${minimum}, got ${value}`);
  }
  return value;
};

/** Throws the DocentError `validation_failed` of a bad constructor option, naming it in `details.field`. */
export const invalidOption = (field: string, message: string): never => {
  throw new DocentError('validation_failed', message, { details: { field } });
};
