import { describe, expect, it } from 'vitest';
import { readBtreePage } from './btree-page.ts';

const PAGE = 512;

/** A table interior page (0x05) at `header` with one cell per left child, and a right-most child. */
const interiorPage = (header: number, left: number[], right: number): Uint8Array => {
  const page = new Uint8Array(PAGE);
  const view = new DataView(page.buffer);
  view.setUint8(header, 0x05);
  view.setUint16(header + 3, left.length);
  view.setUint32(header + 8, right);
  left.forEach((child, i) => {
    const cellAt = PAGE - 8 * (i + 1);
    view.setUint16(header + 12 + 2 * i, cellAt);
    view.setUint32(cellAt, child);
  });
  return page;
};

describe('readBtreePage', () => {
  it("lists an interior page's children, its cells' left children then the right-most one", () => {
    expect(readBtreePage(interiorPage(0, [7, 3], 12), 2, 100)).toEqual({ kind: 'interior', children: [7, 3, 12] });
  });

  it('reads page 1 after the 100-byte file header', () => {
    expect(readBtreePage(interiorPage(100, [4], 5), 1, 100)).toEqual({ kind: 'interior', children: [4, 5] });
    expect(readBtreePage(interiorPage(100, [4], 5), 2, 100)).toEqual({ kind: 'unknown' });
  });

  it('drops children outside the file, and reads leaves and other pages as having none', () => {
    expect(readBtreePage(interiorPage(0, [0, 50, 101], 200), 2, 100)).toEqual({ kind: 'interior', children: [50] });
    const leaf = new Uint8Array(PAGE);
    leaf[0] = 0x0d;
    expect(readBtreePage(leaf, 2, 100)).toEqual({ kind: 'leaf' });
    leaf[0] = 0x0a;
    expect(readBtreePage(leaf, 2, 100)).toEqual({ kind: 'leaf' });
    expect(readBtreePage(new Uint8Array(PAGE), 2, 100)).toEqual({ kind: 'unknown' });
  });
});
