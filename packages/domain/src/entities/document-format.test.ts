import { describe, expect, it } from 'vitest';
import { uploadFormatsMessage } from './document-format.ts';

const format = (label: string) => ({ contentType: `x/${label}`, label, extensions: [label.toLowerCase()] });

describe('uploadFormatsMessage', () => {
  it('lists the labels once each, the last after "or"', () => {
    expect(uploadFormatsMessage([format('PDF'), format('Word'), format('Text'), format('Text')])).toBe(
      'Upload a PDF, Word or Text file.',
    );
    expect(uploadFormatsMessage([format('PDF')])).toBe('Upload a PDF file.');
    expect(uploadFormatsMessage([])).toBe('This server reads no file types.');
  });
});
