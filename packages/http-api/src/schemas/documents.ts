import { timestamp } from './common.ts';

const count = { type: 'integer', minimum: 0 } as const;

/** Offsets of a span of a document's normalised text. */
export const spanProperties = {
  charStart: { ...count, description: 'Offset into the normalised text.' },
  charEnd: { ...count, description: 'Exclusive end offset into the normalised text.' },
} as const;

/** A document as clients see it (shared as `Document`): no owner id or storage key. */
export const documentSchema = {
  $id: 'Document',
  type: 'object',
  required: ['id', 'name', 'contentType', 'size', 'sha256', 'status', 'searchable', 'progress', 'uploadedAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    contentType: { type: 'string', description: 'Media type of the file as detected, e.g. `application/pdf`.' },
    size: { ...count, description: 'Bytes of the original file.' },
    sha256: {
      type: 'string',
      description:
        'Hex SHA-256 of the original file; uploads deduplicate on it. `pending:<id>` while the bytes of a presigned upload have not been checked.',
    },
    status: { type: 'string', enum: ['uploaded', 'processing', 'ready', 'failed'] },
    searchable: {
      type: 'boolean',
      description:
        'True when questions already search the document: once `ready`, and while it is `processing` in the `embedding` stage, whose passages are found by keyword (BM25) while their vectors are computed; answers use the vectors that exist so far.',
    },
    progress: {
      type: 'object',
      required: ['stage', 'done', 'total'],
      properties: {
        stage: {
          type: 'string',
          enum: ['queued', 'extracting', 'chunking', 'embedding', 'indexing', 'done', 'failed'],
        },
        done: count,
        total: count,
        etaSeconds: {
          ...count,
          description:
            'Estimated seconds until the current stage ends, from the rate measured so far (while embedding); absent when unknown.',
        },
      },
    },
    error: {
      type: 'object',
      required: ['code', 'message'],
      description: 'Why processing failed, when `status` is `failed`.',
      properties: { code: { type: 'string' }, message: { type: 'string' } },
    },
    uploadedAt: timestamp,
    readyAt: timestamp,
    pageCount: count,
    chunkCount: count,
  },
} as const;

/** Response of `GET /documents/:id` and retry: `{ document }`. */
export const documentEnvelopeSchema = {
  description: 'The document',
  type: 'object',
  required: ['document'],
  properties: { document: { $ref: 'Document#' } },
} as const;

/** Response of upload: `{ document, created }`. */
export const uploadedSchema = {
  description: 'The document, new or (same bytes uploaded before) the existing one',
  type: 'object',
  required: ['document', 'created'],
  properties: {
    document: { $ref: 'Document#' },
    created: { type: 'boolean', description: 'False when the same bytes were uploaded before.' },
  },
} as const;

/** Response of `GET /documents`. */
export const documentListSchema = {
  description: 'A page of documents, newest first',
  type: 'object',
  required: ['documents', 'nextCursor'],
  properties: {
    documents: { type: 'array', items: { $ref: 'Document#' } },
    nextCursor: { type: ['string', 'null'] },
  },
} as const;

/** Documents the multipart body for OpenAPI; the handler reads and checks it as a stream. */
export const uploadBodySchema = {
  type: 'object',
  required: ['file'],
  properties: { file: { type: 'string', format: 'binary', description: 'The document to upload.' } },
} as const;

/** JSON body of a presigned upload request (only where uploads go straight to storage). */
export const uploadRequestBodySchema = {
  type: 'object',
  required: ['name', 'size', 'contentType'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 1024, description: 'The file name.' },
    size: { ...count, description: 'The exact size in bytes; the upload must send exactly this many.' },
    contentType: { type: 'string', minLength: 1, maxLength: 255, description: 'One of the supported types.' },
    sha256: {
      type: 'string',
      pattern: '^[0-9a-fA-F]{64}$',
      description: 'Hex SHA-256 of the file, if known: deduplicates at once, and the bytes must match it.',
    },
  },
} as const;

/** A validated presigned upload request body. */
export interface UploadRequestBody {
  name: string;
  size: number;
  contentType: string;
  sha256?: string;
}

/** Response of a presigned upload request: `{ document, created, upload }`. */
export const uploadTicketSchema = {
  description: 'The document, and where to PUT its bytes (null when they arrived before)',
  type: 'object',
  required: ['document', 'created', 'upload'],
  properties: {
    document: { $ref: 'Document#' },
    created: { type: 'boolean', description: 'False when the declared SHA-256 matched an existing document.' },
    upload: {
      type: ['object', 'null'],
      required: ['url', 'method', 'headers', 'expiresAt'],
      properties: {
        url: { type: 'string', description: 'Send the bytes here; processing starts when they arrive.' },
        method: { type: 'string', enum: ['PUT'] },
        headers: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description: 'Send exactly these headers: the signature covers them.',
        },
        expiresAt: timestamp,
      },
    },
  },
} as const;

/** Response of `GET /documents/:id/text`. */
export const documentTextSchema = {
  description: 'The normalised text',
  type: 'object',
  required: ['documentId', 'text', 'pages', 'headings'],
  properties: {
    documentId: { type: 'string' },
    text: { type: 'string', description: 'The normalised text every offset indexes.' },
    pages: {
      type: 'array',
      items: {
        type: 'object',
        required: ['page', 'charStart', 'charEnd'],
        properties: {
          page: { type: 'integer', minimum: 1 },
          ...spanProperties,
          ocr: {
            description: 'Present when the page was read by OCR (a scan or an image).',
            type: 'object',
            required: ['confidence'],
            properties: {
              confidence: {
                type: 'number',
                minimum: 0,
                maximum: 100,
                description: "Tesseract's mean word confidence for the page's text, 0 to 100.",
              },
            },
          },
        },
      },
    },
    headings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['level', 'text', 'charStart', 'charEnd'],
        properties: { level: { type: 'integer', minimum: 1 }, text: { type: 'string' }, ...spanProperties },
      },
    },
  },
} as const;

/** What `POST /documents/reindex` queued, and how many documents it left alone because they are still processing. */
export const reindexResultSchema = {
  type: 'object',
  required: ['documents', 'skipped'],
  additionalProperties: false,
  properties: {
    documents: { type: 'array', items: documentSchema },
    skipped: { type: 'integer', minimum: 0 },
  },
} as const;
