import { describe, expect, it } from 'vitest';
import { clearLoginCookie, readLoginCookie, sameSecret, setLoginCookie } from './login-cookie.ts';

describe('login cookie', () => {
  it('is HttpOnly, SameSite=Lax, scoped to the OIDC routes, and Secure only over HTTPS', () => {
    expect(setLoginCookie('abc', { maxAgeSeconds: 600, secure: false })).toBe(
      'docent_oidc=abc; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=600',
    );
    expect(setLoginCookie('abc', { maxAgeSeconds: 600, secure: true })).toMatch(/; Secure$/u);
    expect(clearLoginCookie({ secure: false })).toBe(
      'docent_oidc=; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=0',
    );
  });

  it('is read from among other cookies; an empty or absent one reads as undefined', () => {
    expect(readLoginCookie('a=1; docent_oidc=xyz-1_2; b=2')).toBe('xyz-1_2');
    expect(readLoginCookie('docent_oidc_other=1; xdocent_oidc=2')).toBeUndefined();
    expect(readLoginCookie('docent_oidc=')).toBeUndefined();
    expect(readLoginCookie(undefined)).toBeUndefined();
  });

  it('compares secrets exactly', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
  });
});
