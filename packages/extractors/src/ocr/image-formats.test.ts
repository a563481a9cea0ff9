import { describe, expect, it } from 'vitest';
import { greyTextImage, textImage, tiffOf } from '../../test-support/image-builder.ts';
import { imageSize, sniffImage } from './image-formats.ts';
import { tiffPageFile, tiffPages } from './tiff-pages.ts';

// A WebP header of the given chunk, followed by `payload` at offset 20 (after the chunk's size).
const webp = (chunk: string, payload: number[]): Uint8Array => {
  const bytes = new Uint8Array(40);
  bytes.set(new TextEncoder().encode(`RIFF\0\0\0\0WEBP${chunk}`));
  bytes.set(payload, 20);
  return bytes;
};

describe('image headers', () => {
  it('reads the size of PNG, JPEG and WebP images drawn by the canvas', () => {
    for (const format of ['png', 'jpeg', 'webp'] as const) {
      const bytes = textImage(['one line', 'two lines'], format, 333);
      const type = sniffImage(bytes);
      expect(type).toBe(`image/${format}`);
      // Two lines: margins of 40 px and 56 px a line.
      expect(imageSize(bytes, type as 'image/png')).toEqual({ width: 333, height: 192 });
    }
  });

  it('reads lossless (VP8L) and extended (VP8X) WebP headers', () => {
    // VP8L: signature 0x2f, then 14 bits of width - 1 and 14 bits of height - 1, little-endian.
    const widthBits = 99;
    const heightBits = 49;
    const bits = widthBits | (heightBits << 14);
    expect(
      imageSize(webp('VP8L', [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, bits >>> 24]), 'image/webp'),
    ).toEqual({ width: 100, height: 50 });
    // VP8X: flags and reserved bytes, then width - 1 and height - 1 in 24 bits each.
    expect(imageSize(webp('VP8X', [0, 0, 0, 0, 0x0f, 0x27, 0, 0xe7, 0x03, 0]), 'image/webp')).toEqual({
      width: 10_000,
      height: 1000,
    });
  });

  it('gives no size for a truncated or foreign header', () => {
    const png = textImage(['x'], 'png', 50);
    expect(imageSize(png.subarray(0, 20), 'image/png')).toBeNull();
    expect(imageSize(Uint8Array.from([0xff, 0xd8, 0xff, 0x00, 1, 2, 3, 4, 5, 6]), 'image/jpeg')).toBeNull();
    expect(sniffImage(new TextEncoder().encode('GIF89a'))).toBeNull();
  });

  it('lists the pages of a TIFF and hands each out as a file of its own', () => {
    const tiff = tiffOf([greyTextImage(['a'], 100), greyTextImage(['b', 'c'], 120)]);
    const pages = tiffPages(tiff, 10) ?? [];
    expect(pages.map(({ width, height }) => [width, height])).toEqual([
      [100, 136],
      [120, 192],
    ]);
    const second = tiffPageFile(tiff, pages[1] as (typeof pages)[number]);
    expect(tiffPages(second, 10)?.[0]).toEqual(pages[1]);
    // Stops one past the limit: enough to tell that there are too many.
    expect(tiffPages(tiffOf(Array.from({ length: 5 }, () => greyTextImage(['x'], 20))), 2)).toHaveLength(3);
  });

  it('refuses a TIFF whose directory chain loops or runs off the file', () => {
    const tiff = tiffOf([greyTextImage(['a'], 40)]);
    const looped = tiff.slice();
    const view = new DataView(looped.buffer);
    const entries = view.getUint16(8, true);
    view.setUint32(8 + 2 + entries * 12, 8, true);
    expect(tiffPages(looped, 10)).toBeNull();
    expect(tiffPages(tiff.subarray(0, 20), 10)).toBeNull();
  });
});
