import { describe, expect, it } from 'vitest';
import { expectSpansInOrder, formatFixture } from '../test-support/format-fixtures.ts';
import { detectType } from './detect-type.ts';
import { extractEml, startsLikeMessage } from './eml-extractor.ts';

const message = formatFixture('message.eml');

describe('extractEml', () => {
  it('is detected by its extension or, without one, by its header block', () => {
    expect(detectType('dredging.eml', message)).toBe('message/rfc822');
    expect(detectType('dredging', message)).toBe('message/rfc822');
    expect(detectType('dredging.txt', message)).toBe('text/plain');
    expect(startsLikeMessage('Subject: lunch\nDate: today\n\nok')).toBe(true);
    expect(startsLikeMessage('Note: buy milk\nDate: today\n\nok')).toBe(false);
    expect(startsLikeMessage('Dear Sir,\nFrom: me\nDate: today\n')).toBe(false);
  });

  it('reads subject, headers, the text/plain body (not the HTML copy) and text attachments', async () => {
    const document = await extractEml(message);
    expect(document.title).toBe('Dredging schedule for the east basin');
    expectSpansInOrder(document, [
      'Dredging schedule for the east basin',
      'From: "Harbour Master" <harbourmaster@example.org>',
      'To: "Dock Crew" <crew@example.org>',
      'Date: Tue, 03 Mar 2026 09:15:00 GMT',
      // Quoted-printable soft line break undone: one sentence again.
      'The dredger Marguerite will work the east basin from 14 to 18 April; berths 5 to 9 must be empty by 06:00 on the 14th.',
      'Attachment: tides.txt',
      'High water on 14 April is at 07:42, low water at 13:55.',
    ]);
    const text = document.blocks.map((block) => block.text).join('\n');
    expect(text).not.toContain('HTML copy');
    expect(text).not.toContain('basin.png');
  });

  it('reads an HTML-only message as HTML', async () => {
    const html =
      'From: a@example.org\nSubject: Menu\nContent-Type: text/html\n\n<html><body><h2>Soup</h2><p>Leek and potato.</p></body></html>\n';
    const document = await extractEml(new TextEncoder().encode(html));
    expect(document.blocks.slice(-2)).toEqual([
      { kind: 'heading', level: 2, text: 'Soup' },
      { kind: 'paragraph', text: 'Leek and potato.' },
    ]);
  });
});
