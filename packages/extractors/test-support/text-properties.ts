import fc from 'fast-check';

/** Text without the whitespace that normalisation is free to change. */
export const withoutWhitespace = (text: string): string => text.replace(/\s+/g, '');

// Pieces that exercise the structure rules: blank lines, indentation, headings, fences, list
// markers, man-page sections and option entries.
const STRUCTURE = fc.constantFrom(
  '\n',
  '\n\n',
  '\r\n',
  '  ',
  '\t',
  '\u00a0',
  '# ',
  '## Title\n',
  'Setext\n===\n',
  '```\n',
  '~~~~\n',
  '- ',
  '1. ',
  '| a | b |\n',
  'NAME\n',
  'OPTIONS\n',
  '       -m, --max-time <seconds>\n              ',
  '   Subsection\n',
  '       o   ',
);

const isPrintable = (char: string): boolean => {
  const code = char.codePointAt(0) ?? 0;
  return char === '\t' || char === '\n' || char === '\r' || (code >= 0x20 && (code < 0x7f || code > 0x9f));
};

/** Arbitrary UTF-8 text without control characters (those make a file binary), rich in structure. */
export const structuredText = (): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof(STRUCTURE, fc.string({ unit: 'grapheme', maxLength: 30 })), { maxLength: 40 })
    .map((parts) => [...parts.join('')].filter(isPrintable).join(''));
