import { describe, expect, it } from 'vitest';
import { pageAt } from './page-at.ts';

describe('pageAt', () => {
  const pages = [
    { page: 1, charStart: 0, charEnd: 10 },
    { page: 2, charStart: 11, charEnd: 20 },
    { page: 4, charStart: 21, charEnd: 30 },
  ];

  it('finds the page an offset falls on, giving gaps to the page before', () => {
    expect([0, 9, 10, 11, 20, 21, 29, 500].map((offset) => pageAt(pages, offset))).toEqual([1, 1, 1, 2, 2, 4, 4, 4]);
  });

  it('is undefined before the first page and without pages', () => {
    expect(pageAt([{ page: 3, charStart: 5, charEnd: 9 }], 4)).toBeUndefined();
    expect(pageAt([], 0)).toBeUndefined();
  });
});
