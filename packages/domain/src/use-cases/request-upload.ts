import type { ContentType, DocumentRecord } from '../entities/document.ts';
import { type DocumentFormat, uploadFormatsMessage } from '../entities/document-format.ts';
import type { Principal } from '../entities/user.ts';
import { DocentError, isDocentError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { DocumentRepository } from '../ports/document-repository.ts';
import type { Ids } from '../ports/ids.ts';
import type { TextExtractor } from '../ports/text-extractor.ts';
import type { UploadSigner } from '../ports/upload-signer.ts';
import type { RequestUploadInput, RequestUploadUseCase, UploadTicket } from './contracts.ts';
import { newUploadedDocument } from './new-uploaded-document.ts';
import { pendingSha256 } from './pending-sha256.ts';
import { checkFileName, checkFileSize, DEFAULT_MAX_UPLOAD_BYTES } from './upload-checks.ts';

/** What a presigned-upload request touches. */
export interface RequestUploadDeps {
  documents: DocumentRepository;
  signer: UploadSigner;
  ids: Ids;
  clock: Clock;
  /** Decides which declared types are accepted (its `formats`). */
  extractor: Pick<TextExtractor, 'formats'>;
}

/** Limits of presigned uploads. */
export interface RequestUploadOptions {
  /** Largest accepted file in bytes (default 50 MiB); keep it equal to processing's. */
  maxBytes?: number;
  /** How long an upload URL works (default 15 minutes). */
  expiresInSeconds?: number;
}

type Result = { document: DocumentRecord; created: boolean; upload: UploadTicket | null };

const SHA256_HEX = /^[0-9a-f]{64}$/iu;

/** The bare media type (`Text/Plain; charset=utf-8` is `text/plain`), or `unsupported_media_type`. */
const checkDeclaredType = (declared: string, formats: readonly DocumentFormat[]): ContentType => {
  const type = (declared.split(';')[0] ?? '').trim().toLowerCase();
  if (!formats.some((format) => format.contentType === type)) {
    throw new DocentError('unsupported_media_type', uploadFormatsMessage(formats), {
      details: { supported: formats.map((format) => format.contentType) },
    });
  }
  return type;
};

const checkDeclaredSize = (size: number, maxBytes: number): void => {
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new DocentError('validation_failed', 'The size must be a whole number of bytes.', {
      details: { fields: ['size'] },
    });
  }
  checkFileSize(size, maxBytes);
};

const checkDeclaredSha256 = (sha256: string | undefined): string | undefined => {
  if (sha256 === undefined) return undefined;
  if (!SHA256_HEX.test(sha256)) {
    throw new DocentError('validation_failed', 'The sha256 must be 64 hexadecimal digits.', {
      details: { fields: ['sha256'] },
    });
  }
  return sha256.toLowerCase();
};

/**
 * Starts an upload that goes from the client straight to blob storage: the document is created
 * `uploaded` under its final key, and the client gets a signed PUT for exactly the declared size
 * and type. `ProcessUploadedDocument` takes over when storage reports the bytes.
 *
 * Deduplication: with a declared SHA-256 the owner already has, the existing document comes back,
 * as a direct upload of the same bytes would. Without one, the document gets a pending SHA-256
 * (unique to it, so it never conflicts), and processing records the real one, refusing the bytes
 * as `duplicate_document` if the owner had them already.
 */
export class RequestUpload implements RequestUploadUseCase {
  readonly #deps: RequestUploadDeps;
  readonly #maxBytes: number;
  readonly #expiresInSeconds: number;

  constructor(deps: RequestUploadDeps, options: RequestUploadOptions = {}) {
    this.#deps = deps;
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
    this.#expiresInSeconds = options.expiresInSeconds ?? 15 * 60;
  }

  /** Throws `validation_failed`, `payload_too_large`, `empty_document` or `unsupported_media_type`. */
  async execute(principal: Principal, input: RequestUploadInput): Promise<Result> {
    const { documents, ids, clock } = this.#deps;
    const ownerId = principal.userId;
    const name = checkFileName(input.name);
    checkDeclaredSize(input.size, this.#maxBytes);
    const contentType = checkDeclaredType(input.contentType, this.#deps.extractor.formats);
    const sha256 = checkDeclaredSha256(input.sha256);
    if (sha256 !== undefined) {
      const existing = await documents.findBySha256(ownerId, sha256);
      if (existing !== null) return this.#existing(existing);
    }

    const id = ids.newId();
    const document = newUploadedDocument({
      id,
      ownerId,
      name,
      contentType,
      size: input.size,
      sha256: sha256 ?? pendingSha256(id),
      uploadedAt: clock.now().toISOString(),
    });
    // Signed first: a document nobody can upload to would otherwise stay `uploaded` for ever.
    const upload = await this.#sign(document);
    try {
      await documents.create(document);
    } catch (error) {
      // A concurrent request declared the same bytes and won: answer with its document.
      if (!isDocentError(error) || error.code !== 'conflict' || sha256 === undefined) throw error;
      const winner = await documents.findBySha256(ownerId, sha256);
      if (winner === null) throw error;
      return this.#existing(winner);
    }
    return { document, created: true, upload };
  }

  /** The owner's document with these bytes; a ticket again only if the bytes never arrived. */
  async #existing(document: DocumentRecord): Promise<Result> {
    const upload = document.status === 'uploaded' ? await this.#sign(document) : null;
    return { document, created: false, upload };
  }

  async #sign(document: DocumentRecord): Promise<UploadTicket> {
    const expiresAt = new Date(this.#deps.clock.now().getTime() + this.#expiresInSeconds * 1000).toISOString();
    const signed = await this.#deps.signer.presignUpload({
      key: document.blobKey,
      contentType: document.contentType,
      maxBytes: this.#maxBytes,
      contentLength: document.size,
      expiresInSeconds: this.#expiresInSeconds,
    });
    return { ...signed, expiresAt };
  }
}
