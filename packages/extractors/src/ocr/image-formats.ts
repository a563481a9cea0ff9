/*
 * Image types by magic bytes, and each image's size in pixels read from its header alone, so an
 * image too large to recognise within the memory cap is refused before anything decodes it.
 */

/** The image types OCR reads. */
export type ImageType = 'image/png' | 'image/jpeg' | 'image/tiff' | 'image/webp';

/** Width and height in pixels. */
export interface ImageSize {
  width: number;
  height: number;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  prefix.every((byte, index) => bytes[at + index] === byte);

const ascii = (bytes: Uint8Array, at: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(at, at + length));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const TIFF_LE = [0x49, 0x49, 42, 0];
const TIFF_BE = [0x4d, 0x4d, 0, 42];

/** The image type of `bytes` from its signature, or null for anything else. */
export const sniffImage = (bytes: Uint8Array): ImageType | null => {
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, TIFF_LE) || startsWith(bytes, TIFF_BE)) return 'image/tiff';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  return null;
};

const view = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const pngSize = (bytes: Uint8Array): ImageSize | null =>
  bytes.length >= 24 && ascii(bytes, 12, 4) === 'IHDR'
    ? { width: view(bytes).getUint32(16), height: view(bytes).getUint32(20) }
    : null;

// Start-of-frame markers: C0-CF except DHT (C4), JPG (C8) and DAC (CC).
const isStartOfFrame = (marker: number): boolean =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

const jpegSize = (bytes: Uint8Array): ImageSize | null => {
  const data = view(bytes);
  let at = 2;
  while (at + 9 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1] ?? 0;
    // Fill bytes and markers without a length (RSTn, TEM).
    if (marker === 0xff || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += marker === 0xff ? 1 : 2;
      continue;
    }
    if (isStartOfFrame(marker)) return { width: data.getUint16(at + 7), height: data.getUint16(at + 5) };
    at += 2 + data.getUint16(at + 2);
  }
  return null;
};

const webpSize = (bytes: Uint8Array): ImageSize | null => {
  if (bytes.length < 30) return null;
  const data = view(bytes);
  const chunk = ascii(bytes, 12, 4);
  const u24 = (at: number): number => data.getUint16(at, true) | ((bytes[at + 2] ?? 0) << 16);
  if (chunk === 'VP8 ') return { width: data.getUint16(26, true) & 0x3fff, height: data.getUint16(28, true) & 0x3fff };
  if (chunk === 'VP8X') return { width: 1 + u24(24), height: 1 + u24(27) };
  if (chunk === 'VP8L') {
    const bits = data.getUint32(21, true);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
  }
  return null;
};

/**
 * The size of a PNG, JPEG or WebP image from its header, or null when the header is unreadable (TIFF
 * pages have their own, see `tiffPages`).
 */
export const imageSize = (bytes: Uint8Array, type: Exclude<ImageType, 'image/tiff'>): ImageSize | null => {
  if (type === 'image/png') return pngSize(bytes);
  if (type === 'image/jpeg') return jpegSize(bytes);
  return webpSize(bytes);
};
