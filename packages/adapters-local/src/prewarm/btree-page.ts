/**
 * The child pointers of one SQLite b-tree page, read from the file format
 * (https://www.sqlite.org/fileformat2.html#b_tree_pages) so the pre-read can find a b-tree's pages
 * with plain file reads, off the database connection. Interior pages (table 0x05, index 0x02)
 * hold a left child per cell and a right-most child in their header; leaves (0x0d, 0x0a) have
 * none. Overflow chains are not followed: the b-trees a question reads keep their rows on their
 * leaves (FTS5 writes blocks smaller than a page; ids and chunk text are short), and following a
 * chain costs one dependent read per page.
 */

/** Page 1 starts with the 100-byte database header; its b-tree header follows. */
const FILE_HEADER_BYTES = 100;
const TABLE_INTERIOR = 0x05;
const INDEX_INTERIOR = 0x02;
const TABLE_LEAF = 0x0d;
const INDEX_LEAF = 0x0a;
/** An interior page's header: type, first freeblock, cells, content start, fragments, right child. */
const INTERIOR_HEADER_BYTES = 12;

/** What one page is, as far as walking a b-tree needs. */
export type BtreePage = { kind: 'interior'; children: number[] } | { kind: 'leaf' } | { kind: 'unknown' };

/**
 * Reads one page (`page.length` is the page size) of page number `pageNumber`. A page that is no
 * b-tree page (freed, or rewritten by a checkpoint since its parent was read) reads as `unknown`
 * and a child outside 1..`pageCount` is dropped, so a stale or damaged walk ends early and never
 * reads outside the file.
 */
export const readBtreePage = (page: Uint8Array, pageNumber: number, pageCount: number): BtreePage => {
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  const header = pageNumber === 1 ? FILE_HEADER_BYTES : 0;
  if (page.byteLength < header + INTERIOR_HEADER_BYTES) return { kind: 'unknown' };
  const type = view.getUint8(header);
  if (type === TABLE_LEAF || type === INDEX_LEAF) return { kind: 'leaf' };
  if (type !== TABLE_INTERIOR && type !== INDEX_INTERIOR) return { kind: 'unknown' };
  const cells = view.getUint16(header + 3);
  const children: number[] = [];
  const keep = (child: number) => {
    if (child >= 1 && child <= pageCount) children.push(child);
  };
  for (let i = 0; i < cells; i++) {
    const pointerAt = header + INTERIOR_HEADER_BYTES + 2 * i;
    if (pointerAt + 2 > page.byteLength) break;
    // A cell's offset is from the start of the page, page 1 included; its first 4 bytes are the left child.
    const cellAt = view.getUint16(pointerAt);
    if (cellAt + 4 <= page.byteLength) keep(view.getUint32(cellAt));
  }
  keep(view.getUint32(header + 8));
  return { kind: 'interior', children };
};
