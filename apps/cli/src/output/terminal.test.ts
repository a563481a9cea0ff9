import { describe, expect, it } from 'vitest';
import { formatTable } from './terminal.ts';

describe('formatTable', () => {
  it('pads every column to its widest cell, under a rule, without trailing spaces', () => {
    const table = formatTable(
      ['FILE', 'STATUS', 'NOTE'],
      [
        ['a.txt', 'ready', ''],
        ['folder/long-name.pdf', 'failed', 'encrypted_pdf'],
      ],
    );
    expect(table.split('\n')).toEqual([
      'FILE                  STATUS  NOTE',
      '--------------------  ------  -------------',
      'a.txt                 ready',
      'folder/long-name.pdf  failed  encrypted_pdf',
    ]);
  });
});
