import { type DocumentRecord, type DocumentText, isSearchable } from '@docent/domain';

/** A document as clients see it: no owner id or storage key. */
export interface DocumentView {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  status: string;
  /** True when questions already search it: `ready`, or still embedding with its passages in BM25. */
  searchable: boolean;
  progress: { stage: string; done: number; total: number; etaSeconds?: number };
  error?: { code: string; message: string };
  uploadedAt: string;
  readyAt?: string;
  pageCount?: number;
  chunkCount?: number;
}

/** Picks the public fields of a document; anything added to the entity stays private until listed here. */
export const presentDocument = (document: DocumentRecord): DocumentView => ({
  id: document.id,
  name: document.name,
  contentType: document.contentType,
  size: document.size,
  sha256: document.sha256,
  status: document.status,
  searchable: isSearchable(document),
  progress: {
    stage: document.progress.stage,
    done: document.progress.done,
    total: document.progress.total,
    ...(document.progress.etaSeconds === undefined ? {} : { etaSeconds: document.progress.etaSeconds }),
  },
  ...(document.error ? { error: { code: document.error.code, message: document.error.message } } : {}),
  uploadedAt: document.uploadedAt,
  ...(document.readyAt === undefined ? {} : { readyAt: document.readyAt }),
  ...(document.pageCount === undefined ? {} : { pageCount: document.pageCount }),
  ...(document.chunkCount === undefined ? {} : { chunkCount: document.chunkCount }),
});

/** The normalised text with its page and heading maps; block boundaries stay internal. */
export const presentDocumentText = (documentId: string, text: DocumentText) => ({
  documentId,
  text: text.text,
  pages: text.pages.map(({ page, charStart, charEnd, ocr }) => ({
    page,
    charStart,
    charEnd,
    ...(ocr === undefined ? {} : { ocr: { confidence: ocr.confidence } }),
  })),
  headings: text.headings.map(({ level, text: heading, charStart, charEnd }) => ({
    level,
    text: heading,
    charStart,
    charEnd,
  })),
});
