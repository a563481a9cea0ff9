import { timingSafeEqual } from 'node:crypto';

/** The cookie binding a pending provider login to the browser that started it. */
export const LOGIN_COOKIE = 'docent_oidc';

// Sent only to the OIDC routes; Lax so it rides along on the provider's top-level redirect back.
const ATTRIBUTES = 'Path=/auth/oidc; HttpOnly; SameSite=Lax';

/** A `set-cookie` value setting the login cookie for `maxAgeSeconds`; `Secure` when served over HTTPS. */
export const setLoginCookie = (value: string, options: { maxAgeSeconds: number; secure: boolean }): string =>
  `${LOGIN_COOKIE}=${value}; ${ATTRIBUTES}; Max-Age=${options.maxAgeSeconds}${options.secure ? '; Secure' : ''}`;

/** A `set-cookie` value removing the login cookie. */
export const clearLoginCookie = (options: { secure: boolean }): string =>
  setLoginCookie('', { maxAgeSeconds: 0, secure: options.secure });

/** The login cookie's value in a `cookie` request header, if any. */
export const readLoginCookie = (header: string | undefined): string | undefined => {
  for (const part of (header ?? '').split(';')) {
    const split = part.indexOf('=');
    if (split > 0 && part.slice(0, split).trim() === LOGIN_COOKIE) {
      const value = part.slice(split + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
};

/** Compares two secrets in time independent of where they differ. */
export const sameSecret = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};
