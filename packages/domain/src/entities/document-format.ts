/** A file format Docent reads, as people and clients name it; the extractors' registry lists them. */
export interface DocumentFormat {
  /** The media type stored on documents, e.g. `application/pdf`. */
  readonly contentType: string;
  /** A short name for people, e.g. `PDF`, `Word`, `PowerPoint`. */
  readonly label: string;
  /** File name extensions, lower case without the dot; the first is the usual one. */
  readonly extensions: readonly string[];
}

/** `Upload a PDF, Word or Text file.`: the formats' labels, for `unsupported_media_type` messages. */
export const uploadFormatsMessage = (formats: readonly DocumentFormat[]): string => {
  const labels = [...new Set(formats.map((format) => format.label))];
  const last = labels.pop();
  if (last === undefined) return 'This server reads no file types.';
  return `Upload a ${labels.length === 0 ? last : `${labels.join(', ')} or ${last}`} file.`;
};
