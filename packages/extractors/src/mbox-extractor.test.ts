import { describe, expect, it } from 'vitest';
import { expectSpansInOrder, formatFixture } from '../test-support/format-fixtures.ts';
import { detectType } from './detect-type.ts';
import { extractMbox, mboxMessages } from './mbox-extractor.ts';

const mailbox = formatFixture('mailbox.mbox');

describe('extractMbox', () => {
  it('is detected by its extension or, without one, by its From separator', () => {
    expect(detectType('archive.mbox', mailbox)).toBe('application/mbox');
    expect(detectType('archive', mailbox)).toBe('application/mbox');
  });

  it('splits at separator lines only and undoes >From quoting', () => {
    const messages = mboxMessages(new TextDecoder().decode(mailbox));
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('\nFrom now on, sign the delivery note');
  });

  it('reads each message as a section under its subject, in file order', async () => {
    const document = await extractMbox(mailbox);
    expectSpansInOrder(document, [
      'Flour delivery',
      'From: "Quartermaster" <quartermaster@example.org>',
      'forty sacks from the Westmill bakery.',
      'From now on, sign the delivery note in blue ink.',
      'Rope inspection',
      'The mooring ropes on the starboard side are due for inspection on Friday at noon.',
    ]);
    const subjects = document.blocks.filter((block) => block.kind === 'heading' && block.level === 1);
    expect(subjects.map((block) => block.text)).toEqual(['Flour delivery', 'Rope inspection', 'Rope inspection']);
  });
});
