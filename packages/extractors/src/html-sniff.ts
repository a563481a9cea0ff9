const HTML_PROLOGUE = /^(?:\s+|<!--[\s\S]*?-->|<\?xml[\s\S]*?\?>)*/;
const HTML_START = /^(?:<!doctype\s+html|<html[\s>])/i;

/** True when text opens like an HTML document rather than a fragment or other text. */
export const startsLikeHtml = (text: string): boolean => {
  const prologue = HTML_PROLOGUE.exec(text)?.[0].length ?? 0;
  return HTML_START.test(text.slice(prologue, prologue + 64));
};
