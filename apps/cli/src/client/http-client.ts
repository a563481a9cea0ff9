import { DocentError, type ErrorCode } from '@docent/domain';
import type { DocumentView } from '@docent/http-api';
import { CliError, EXIT, embeddedOnly } from './cli-error.ts';
import type {
  AnswerView,
  AskRequest,
  DocentClient,
  DocumentTextView,
  ReindexResult,
  SearchRequest,
  SourceView,
} from './docent-client.ts';

const PAGE = 100;

/** The CLI against a running Docent: the HTTP API with the bearer token from `DOCENT_TOKEN`. */
export class HttpClient implements DocentClient {
  readonly target: string;
  readonly #base: URL;
  readonly #token: string | undefined;

  constructor(url: string, token: string | undefined) {
    try {
      this.#base = new URL(url.endsWith('/') ? url : `${url}/`);
    } catch {
      throw new CliError(`--url ${url} is not a URL (e.g. http://127.0.0.1:3000)`, EXIT.usage);
    }
    this.#token = token;
    this.target = this.#base.origin + this.#base.pathname.replace(/\/$/, '');
  }

  /** One API call; an error body becomes the DocentError it describes. */
  async #request<T>(method: string, route: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.#token) headers.authorization = `Bearer ${this.#token}`;
    let payload: RequestInit['body'];
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await fetch(new URL(route, this.#base), { method, headers, body: payload });
    } catch (error) {
      throw new DocentError(
        'unavailable',
        `Docent at ${this.target} cannot be reached: ${(error as Error).cause ?? error}`,
      );
    }
    const text = await response.text();
    const json = text === '' ? undefined : JSON.parse(text);
    if (!response.ok) {
      const failure = json?.error as { code?: ErrorCode; message?: string } | undefined;
      const hint =
        response.status === 401 && !this.#token ? ' (set DOCENT_TOKEN to a token from POST /auth/login)' : '';
      throw new DocentError(
        failure?.code ?? 'internal_error',
        `${failure?.message ?? `HTTP ${response.status}`}${hint}`,
      );
    }
    return json as T;
  }

  async upload(file: { name: string; bytes: Uint8Array }) {
    const form = new FormData();
    form.append('file', new Blob([file.bytes as Uint8Array<ArrayBuffer>]), file.name);
    return this.#request<{ document: DocumentView; created: boolean }>('POST', 'documents/upload', form);
  }

  async listDocuments() {
    const documents: DocumentView[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `documents?limit=${PAGE}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const page: { documents: DocumentView[]; nextCursor: string | null } = await this.#request('GET', query);
      documents.push(...page.documents);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return documents;
  }

  async getDocument(documentId: string) {
    const { document } = await this.#request<{ document: DocumentView }>(
      'GET',
      `documents/${encodeURIComponent(documentId)}`,
    );
    return document;
  }

  async getDocumentText(documentId: string) {
    return this.#request<DocumentTextView>('GET', `documents/${encodeURIComponent(documentId)}/text`);
  }

  async deleteDocument(documentId: string) {
    await this.#request('DELETE', `documents/${encodeURIComponent(documentId)}`);
  }

  async ask(request: AskRequest) {
    return this.#request<AnswerView>('POST', 'query/ask', request);
  }

  async search(request: SearchRequest) {
    return (await this.#request<{ sources: SourceView[] }>('POST', 'query/search', request)).sources;
  }

  // Over HTTP a token acts for its own user: the running server reindexes that user's documents.
  async reindex(): Promise<ReindexResult> {
    const { documents, skipped } = await this.#request<{ documents: DocumentView[]; skipped: number }>(
      'POST',
      'documents/reindex',
    );
    return { queued: documents, skipped };
  }

  async addUser(email: string, password: string) {
    await this.#request('POST', 'auth/register', { email, password });
  }

  async listUsers(): Promise<never> {
    throw embeddedOnly('users list');
  }

  /** The server's worker processes uploads; nothing runs here. */
  async runJobs() {}

  async close() {}
}
