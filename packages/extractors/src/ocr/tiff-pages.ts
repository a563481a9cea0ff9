import type { ImageSize } from './image-formats.ts';

/** One page of a TIFF: its size and where its image file directory starts. */
export interface TiffPage extends ImageSize {
  directory: number;
}

const WIDTH_TAG = 256;
const HEIGHT_TAG = 257;
const SHORT = 3;

/**
 * The pages of a TIFF, at most `maxPages + 1` of them (enough for the caller to see that there are too
 * many), or null when the directory chain is damaged.
 */
export const tiffPages = (bytes: Uint8Array, maxPages: number): TiffPage[] | null => {
  const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x49;
  const pages: TiffPage[] = [];
  const seen = new Set<number>();
  let offset = data.getUint32(4, little);
  while (offset !== 0 && pages.length <= maxPages) {
    if (seen.has(offset) || offset + 2 > bytes.length) return null;
    seen.add(offset);
    const count = data.getUint16(offset, little);
    const end = offset + 2 + count * 12;
    if (end + 4 > bytes.length) return null;
    const size: ImageSize = { width: 0, height: 0 };
    for (let entry = offset + 2; entry < end; entry += 12) {
      const tag = data.getUint16(entry, little);
      if (tag !== WIDTH_TAG && tag !== HEIGHT_TAG) continue;
      const value =
        data.getUint16(entry + 2, little) === SHORT
          ? data.getUint16(entry + 8, little)
          : data.getUint32(entry + 8, little);
      if (tag === WIDTH_TAG) size.width = value;
      else size.height = value;
    }
    pages.push({ ...size, directory: offset });
    offset = data.getUint32(end, little);
  }
  return pages;
};

/**
 * Page `page` as a TIFF of its own. Leptonica, inside tesseract, reads only a TIFF's first page, so
 * each page is handed to it as a copy of the file whose header points at that page's directory: no
 * image data is decoded or rewritten here. One copy at a time, made when the page is recognised.
 */
export const tiffPageFile = (bytes: Uint8Array, page: TiffPage): Uint8Array => {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(4, page.directory, copy[0] === 0x49);
  return copy;
};
