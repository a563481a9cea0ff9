import { DocentError } from '@docent/domain';
import type { FormatDefinition } from '../format-definition.ts';
import { extractImage } from './image-extractor.ts';
import { type ImageType, sniffImage } from './image-formats.ts';

const imageFormat = (contentType: ImageType, label: string, extensions: string[]): FormatDefinition => ({
  contentType,
  label,
  extensions,
  needsOcr: true,
  detection: { kind: 'bytes', sniff: (bytes) => sniffImage(bytes) === contentType },
  extract: (bytes, limits, { ocr }) => {
    // Only an extractor with OCR registers images; a document of this type met without is refused.
    if (ocr === undefined) throw new DocentError('unsupported_media_type', 'Images are read only with OCR on.');
    return extractImage(bytes, contentType, ocr, limits);
  },
});

/** Images, read by OCR as documents of one page (a TIFF: one page per image), by magic bytes. */
export const IMAGE_FORMATS: readonly FormatDefinition[] = [
  imageFormat('image/png', 'PNG image', ['png']),
  imageFormat('image/jpeg', 'JPEG image', ['jpg', 'jpeg']),
  imageFormat('image/tiff', 'TIFF image', ['tif', 'tiff']),
  imageFormat('image/webp', 'WebP image', ['webp']),
];
