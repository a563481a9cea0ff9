import type { DocumentView } from '../api/types.ts';
import { ACCEPTED_FORMATS } from './accepted-formats.ts';

const TYPE_LABELS: ReadonlyMap<string, string> = new Map(
  ACCEPTED_FORMATS.map((format) => [format.contentType, format.label]),
);

/** A short name for a content type, e.g. `PDF`. */
export const typeLabel = (contentType: string): string => TYPE_LABELS.get(contentType) ?? contentType;

/** The file picker's `accept` list: every accepted extension and media type. */
export const ACCEPT = ACCEPTED_FORMATS.flatMap((format) => [
  ...format.extensions.map((extension) => `.${extension}`),
  format.contentType,
]).join(',');

/** `PDF, Word, HTML or Text`: the accepted formats for people. */
export const acceptedLabels = (): string => {
  const labels = [...new Set(ACCEPTED_FORMATS.map((format) => format.label))];
  const last = labels.pop() ?? '';
  return labels.length === 0 ? last : `${labels.join(', ')} or ${last}`;
};

/** A file size for people: `512 B`, `1.5 KB`, `12 MB`. */
export const formatSize = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
};

/** How far processing is, as a whole percentage of the current stage. */
export const percentDone = (document: DocumentView): number => {
  const { done, total } = document.progress;
  return total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
};

/** True when a question may already be asked of the document: ready, or searchable while embedding. */
export const isAskable = (document: DocumentView): boolean =>
  document.status === 'ready' || document.searchable === true;

/** True while the server is still working on the document (so the list keeps polling). */
export const isPending = (document: DocumentView): boolean =>
  document.status === 'uploaded' || document.status === 'processing';

/**
 * Time left for people, rounded the way a person would say it: `less than a minute left`,
 * `about 1 min left`, `about 12 min left`, `about 1 h 20 min left`.
 */
export const formatTimeLeft = (seconds: number): string => {
  if (seconds < 45) return 'less than a minute left';
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 60) return `about ${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `about ${hours} h${rest === 0 ? '' : ` ${rest} min`} left`;
};

/**
 * The status cell text: `Ready`, `Uploaded`, `Failed: {message}`, `Processing: {stage} {percent}%`,
 * followed by the time left when the server estimates it (`… 40% · about 2 min left`). A document
 * that questions already search while it embeds says so first: `Searchable · embedding 40% · …`.
 */
export const statusText = (document: DocumentView): string => {
  switch (document.status) {
    case 'ready':
      return 'Ready';
    case 'uploaded':
      return 'Uploaded';
    case 'failed':
      return `Failed: ${document.error?.message ?? 'unknown error'}`;
    case 'processing': {
      const { stage, etaSeconds } = document.progress;
      const left = etaSeconds === undefined ? '' : ` · ${formatTimeLeft(etaSeconds)}`;
      const lead = document.searchable === true ? 'Searchable · ' : 'Processing: ';
      return `${lead}${stage} ${percentDone(document)}%${left}`;
    }
  }
};
