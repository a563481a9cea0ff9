import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './normalize-email.ts';

const rejects = (email: string, reason?: RegExp) => {
  let thrown: unknown;
  try {
    normalizeEmail(email);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toMatchObject({ code: 'validation_failed', details: { fields: ['email'] } });
  if (reason !== undefined) expect((thrown as Error).message).toMatch(reason);
};

const LOCAL_SPECIALS = ".!#$%&'*+/=?^_`{|}~-";
const localCharacter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789', ...LOCAL_SPECIALS.replace('.', ''));
const localPart = fc
  .array(fc.stringMatching(/^[a-z0-9!#$%&'*+/=?^_`{|}~-]{1,10}$/u), { minLength: 1, maxLength: 4 })
  .map((atoms) => atoms.join('.'))
  .filter((local) => local.length <= 64);
const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/u);
const domain = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z]{2,8}$/u))
  .map(([labels, top]) => [...labels, top].join('.'));
const address = fc.tuple(localPart, domain).map(([local, host]) => `${local}@${host}`);

// Characters that must never reach storage or a page: controls, bidi controls, other invisibles.
// (U+FEFF is left out: String.prototype.trim counts it as white space at either end.)
const hidden = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\u007f',
  '\u202e',
  '\u202a',
  '\u2066',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u061c',
  '\u200b',
);

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Ada.Lovelace@Example.ORG \n')).toBe('ada.lovelace@example.org');
  });

  it.each(["o'brien+docs@example.co.uk", 'a@b.io', "!#$%&'*+/=?^_`{|}~-@x-y.example"])('accepts %j', (email) => {
    expect(normalizeEmail(email)).toBe(email.toLowerCase());
  });

  it('stores an internationalised domain in its ASCII form', () => {
    expect(normalizeEmail('Ada@Bücher.DE')).toBe('ada@xn--bcher-kva.de');
    expect(normalizeEmail('ada@xn--bcher-kva.de')).toBe('ada@xn--bcher-kva.de');
    expect(normalizeEmail('ada@bu\u0308cher.de')).toBe('ada@xn--bcher-kva.de');
  });

  it.each([
    ['<script>@x.com', /only letters, digits/],
    ['ada\u0000@example.org', /control or invisible/],
    ['ada@exam\u202eple.org', /control or invisible/],
    ['ada@exa\ufeffmple.org', /control or invisible/],
    ['', /needs an @/],
    ['ada', /needs an @/],
    ['ada@', /needs a dot/],
    ['@example.org', /1 to 64/],
    ['ada@example', /needs a dot/],
    ['ada lovelace@example.org', /only letters, digits/],
    ['a@b@example.org', /only letters, digits/],
    ['ada@.org', /each part of the domain/],
    ['.ada@example.org', /dot/],
    ['ada.@example.org', /dot/],
    ['a..da@example.org', /two dots/],
    ['ada@-example.org', /each part of the domain/],
    ['ada@example-.org', /each part of the domain/],
    ['ada@exa_mple.org', /each part of the domain/],
    ['ada@example..org', /each part of the domain/],
    ['ada@127.0.0.1', /not a number/],
    ['ada@[127.0.0.1]', /each part of the domain/],
    ['"ada"@example.org', /only letters, digits/],
    ['adä@example.org', /only letters, digits/],
    // The Kelvin sign lower-cases to an ASCII k: refused as typed, not silently turned into another address.
    ['ada\u212a@example.org', /only letters, digits/],
    ['ada@exa<mple.org', /each part of the domain/],
    ['ada@bü☃cher.de', /only letters, digits, hyphens and dots/],
    [`${'a'.repeat(65)}@example.org`, /1 to 64/],
    [`ada@${'a'.repeat(64)}.org`, /each part of the domain/],
    [`${'a'.repeat(60)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(11)}`, /at most 254/],
    // 195 characters as typed, 267 once its nine labels are in punycode.
    [`ada@${Array(9).fill('äöüß'.repeat(5)).join('.')}.de`, /at most 254/],
  ])('rejects %j with validation_failed and a reason', (email, reason) => {
    rejects(email, reason);
  });

  it('property: addresses of the grammar are accepted as they are, lower-cased', () => {
    fc.assert(
      fc.property(address, (email) => {
        fc.pre(email.length <= 254);
        expect(normalizeEmail(` ${email.toUpperCase()} `)).toBe(email);
      }),
    );
  });

  it("property: normalising is idempotent on fast-check's own addresses", () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const once = normalizeEmail(email);
        expect(normalizeEmail(once)).toBe(once);
      }),
    );
  });

  it('property: a control or invisible character anywhere is rejected', () => {
    fc.assert(
      fc.property(address, fc.nat(), hidden, (email, at, character) => {
        const position = at % (email.length + 1);
        rejects(`${email.slice(0, position)}${character}${email.slice(position)}`);
      }),
    );
  });

  it('property: a character outside the local-part alphabet is rejected there', () => {
    const outside = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 1 })
      .filter((c) => !/^[a-zA-Z0-9]$/u.test(c) && !LOCAL_SPECIALS.includes(c) && c.trim() === c && c !== '@');
    fc.assert(
      fc.property(localPart, localCharacter, outside, domain, (local, kept, stray, host) => {
        rejects(`${kept}${stray}${local}@${host}`);
      }),
    );
  });
});
