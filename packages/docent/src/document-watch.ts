import type { DocumentChange } from '@docent/composition';
import { DocentError, type DocumentRecord } from '@docent/domain';

type Listener = (change: DocumentChange) => void;

/**
 * Routes the store's document changes (see `observedDocumentRepository`) to whoever waits for one
 * document, and fails every wait when the Docent closes.
 */
export class DocumentWatch {
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #onClose = new Set<() => void>();

  /** What the composition calls on every change. */
  readonly publish = (change: DocumentChange): void => {
    for (const listener of this.#listeners.get(change.documentId) ?? []) listener(change);
  };

  /**
   * Resolves with the document once it is `ready` or `failed`, calling `onUpdate` with each state
   * on the way (starting from `current`, read after the watch began so no change is missed).
   * Rejects with `document_not_found` if it is deleted, the signal's reason on abort, and
   * `unavailable` when the Docent closes.
   */
  untilProcessed(
    documentId: string,
    current: () => Promise<DocumentRecord>,
    onUpdate: (document: DocumentRecord) => void,
    signal: AbortSignal | undefined,
  ): Promise<DocumentRecord> {
    return new Promise((resolve, reject) => {
      let heard = false;
      const finish = (settle: () => void) => {
        this.#listeners.get(documentId)?.delete(listener);
        if (this.#listeners.get(documentId)?.size === 0) this.#listeners.delete(documentId);
        this.#onClose.delete(closed);
        signal?.removeEventListener('abort', aborted);
        settle();
      };
      const seen = (document: DocumentRecord) => {
        onUpdate(document);
        if (document.status === 'ready' || document.status === 'failed') finish(() => resolve(document));
      };
      const listener: Listener = ({ document }) => {
        heard = true;
        if (document === null) finish(() => reject(gone(documentId)));
        else seen(document);
      };
      const closed = () => finish(() => reject(new DocentError('unavailable', 'Docent was closed')));
      const aborted = () => finish(() => reject(signal?.reason));
      if (signal?.aborted) return aborted();
      signal?.addEventListener('abort', aborted, { once: true });
      this.#onClose.add(closed);
      const listeners = this.#listeners.get(documentId) ?? new Set();
      listeners.add(listener);
      this.#listeners.set(documentId, listeners);
      // The state before the first change heard; a later change already told a newer one.
      current().then(
        (document) => heard || seen(document),
        (error: unknown) => finish(() => reject(error)),
      );
    });
  }

  /** Fails every wait: the Docent is closing. */
  close(): void {
    for (const closed of [...this.#onClose]) closed();
  }
}

const gone = (documentId: string): DocentError =>
  new DocentError('document_not_found', 'The document was deleted while it was being processed', {
    details: { documentId },
  });
