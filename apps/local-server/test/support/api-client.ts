import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** A minimal HTTP client for Docent's API, as curl would use it. */
export class ApiClient {
  readonly baseUrl: string;
  token: string | undefined;

  constructor(baseUrl: string, token?: string) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  async request(
    method: string,
    route: string,
    body?: unknown,
  ): Promise<{ status: number; json: any; headers: Headers }> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let payload: RequestInit['body'];
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await fetch(new URL(route, this.baseUrl), { method, headers, body: payload });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  /** Registers (if needed) and logs in; keeps the token. */
  async signIn(email: string, password: string): Promise<void> {
    await this.request('POST', '/auth/register', { email, password });
    const login = await this.request('POST', '/auth/login', { email, password });
    if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.json)}`);
    this.token = login.json.token;
  }

  async upload(filePath: string): Promise<{ status: number; json: any; headers: Headers }> {
    const form = new FormData();
    form.append('file', new Blob([await readFile(filePath)]), path.basename(filePath));
    return this.request('POST', '/documents/upload', form);
  }

  /** Polls until every listed document is `ready` or `failed`; returns the final list. */
  async waitForProcessing(timeoutMs: number): Promise<any[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { json } = await this.request('GET', '/documents?limit=100');
      const documents: any[] = json.documents;
      if (documents.every((d) => d.status === 'ready' || d.status === 'failed')) return documents;
      if (Date.now() > deadline)
        throw new Error(`still processing: ${JSON.stringify(documents.map((d) => [d.name, d.status, d.progress]))}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** The qa-dev set beside the repository (../shared/qa-dev). */
export const QA_DEV = path.resolve(import.meta.dirname, '../../../../../shared/qa-dev');

export interface QaQuestion {
  id: string;
  doc: string | string[] | null;
  question: string;
  answer_substring: string | string[] | null;
  kind: 'lookup' | 'paraphrase' | 'multi' | 'unanswerable';
}

export const loadQuestions = async (dir = QA_DEV): Promise<QaQuestion[]> =>
  (await readFile(path.join(dir, 'questions.jsonl'), 'utf8'))
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as QaQuestion);

/** The qa-dev normal form: NFKC, whitespace runs to one space, trimmed. */
export const normalise = (text: string): string => text.normalize('NFKC').replace(/\s+/g, ' ').trim();
