import { DocentError } from '../errors.ts';

// A practical grammar, not all of RFC 5322: the dot-atom local part that mail systems accept
// everywhere (no quoted strings, comments or non-ASCII local parts), and a domain of LDH labels.
// Deliverability is not ours to judge; what is refused is what no real mailbox needs and what
// could hurt wherever the address is displayed or logged (markup, NUL, bidi controls).
const MAX_LOCAL_LENGTH = 64;
const MAX_EMAIL_LENGTH = 254;
const MAX_LABEL_LENGTH = 63;
// Checked before lower-casing, which maps a few non-ASCII letters (the Kelvin sign) to ASCII ones.
const LOCAL_CHARACTER = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/u;
const ASCII_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/u;
// Control (Cc), invisible format (Cf: bidi overrides, isolates, zero-width characters), separator
// (Zl, Zp) and unassigned or private characters are never part of an address.
const HIDDEN_CHARACTER = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Cs}]/u;
// Letters, marks and digits of any script may make up an internationalised domain name.
const UNICODE_DOMAIN = /^[\p{L}\p{M}\p{Nd}.-]+$/u;
const ASCII_ONLY = /^[\p{ASCII}]*$/u;
const TOO_LONG = `it may have at most ${MAX_EMAIL_LENGTH} characters`;

const invalid = (reason: string): DocentError =>
  new DocentError('validation_failed', `Enter a valid email address: ${reason}.`, {
    details: { fields: ['email'] },
  });

// IDNA (UTS 46) through the URL parser every runtime has: `bücher.de` becomes `xn--bcher-kva.de`,
// so a domain has one stored spelling whether it was typed in Unicode (composed or not) or punycode.
const toAsciiDomain = (domain: string): string => {
  if (ASCII_ONLY.test(domain)) return domain;
  if (!UNICODE_DOMAIN.test(domain)) throw invalid('the domain may contain only letters, digits, hyphens and dots');
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    throw invalid('the domain is not a valid internationalised domain name');
  }
};

const checkLocalPart = (local: string): void => {
  if (local.length === 0 || local.length > MAX_LOCAL_LENGTH) {
    throw invalid(`the part before @ needs 1 to ${MAX_LOCAL_LENGTH} characters`);
  }
  if (!LOCAL_CHARACTER.test(local)) {
    throw invalid("the part before @ may contain only letters, digits and . ! # $ % & ' * + / = ? ^ _ ` { | } ~ -");
  }
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    throw invalid('the part before @ may not start or end with a dot or have two dots in a row');
  }
};

const checkDomain = (domain: string): void => {
  const labels = domain.split('.');
  if (labels.length < 2) throw invalid('the domain needs a dot, as in example.org');
  for (const label of labels) {
    if (label.length > MAX_LABEL_LENGTH || !ASCII_LABEL.test(label)) {
      throw invalid('each part of the domain needs 1 to 63 letters, digits or inner hyphens, separated by single dots');
    }
  }
  // An all-digit top-level label would make the domain an IP address in disguise.
  if (/^\d+$/u.test(labels.at(-1) ?? '')) throw invalid('the domain must end in a name, not a number');
};

/**
 * Trims and lower-cases an email, with an internationalised domain in its ASCII (punycode) form.
 * Throws `validation_failed`, saying what is wrong, unless it is `local@domain` where the local part
 * is 1-64 of `a-z 0-9 .!#$%&'*+/=?^_\`{|}~-` without leading, trailing or double dots, the domain
 * is dot-separated LDH labels (at least two, the last not numeric), the whole at most 254
 * characters, and nothing in it is a control, bidi or other invisible character.
 */
export const normalizeEmail = (email: string): string => {
  const trimmed = email.trim();
  // Checked first too, so no work is spent on a huge input; IDNA never makes a domain shorter.
  if (trimmed.length > MAX_EMAIL_LENGTH) throw invalid(TOO_LONG);
  if (HIDDEN_CHARACTER.test(trimmed)) throw invalid('it may not contain control or invisible characters');
  const at = trimmed.lastIndexOf('@');
  if (at < 0) throw invalid('it needs an @');
  const local = trimmed.slice(0, at);
  checkLocalPart(local);
  const domain = toAsciiDomain(trimmed.slice(at + 1)).toLowerCase();
  checkDomain(domain);
  const normalized = `${local.toLowerCase()}@${domain}`;
  if (normalized.length > MAX_EMAIL_LENGTH) throw invalid(TOO_LONG);
  return normalized;
};
