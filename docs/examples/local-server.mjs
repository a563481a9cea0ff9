// Docent's local server inside another Node app, from the installed packages (`npm install @docent/local-server`):
// plain JavaScript, no TypeScript involved. Starts on a temporary data folder with the hashing embedder (no model
// download), signs up, uploads one document, asks about it, and closes. Run: `node local-server.mjs`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, startLocalServer } from '@docent/local-server';

const dataDir = mkdtempSync(path.join(tmpdir(), 'docent-example-'));
const server = await startLocalServer(
  loadConfig({ DOCENT_DATA_DIR: dataDir, DOCENT_EMBEDDER: 'hashing', PORT: '0', DOCENT_LOG_LEVEL: 'warn' }),
);
try {
  const call = async (method, route, body, token) => {
    const headers = token === undefined ? {} : { authorization: `Bearer ${token}` };
    const init = body instanceof FormData ? { body } : body === undefined ? {} : { body: JSON.stringify(body) };
    if (init.body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
    const response = await fetch(new URL(route, server.url), { method, headers, ...init });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text}`);
    return response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
  };

  const page = await call('GET', '/');
  console.log(`web app served: ${page.includes('<div id="root">')}`);

  const account = { email: 'reader@example.com', password: 'Example-passw0rd' };
  await call('POST', '/auth/register', account);
  const { token } = await call('POST', '/auth/login', account);

  const form = new FormData();
  const text = 'The Brightwell kettle holds 1.7 litres of water. It boils a full load in about four minutes.\n';
  form.append('file', new Blob([text], { type: 'text/plain' }), 'kettle.txt');
  const { document } = await call('POST', '/documents/upload', form, token);

  for (let { status } = document; status !== 'ready'; ) {
    if (status === 'failed') throw new Error('processing failed');
    await new Promise((resolve) => setTimeout(resolve, 100));
    ({ status } = (await call('GET', `/documents/${document.id}`, undefined, token)).document);
  }

  const answer = await call('POST', '/query/ask', { question: 'How much water does the kettle hold?' }, token);
  console.log(`answer: ${answer.answer}`);
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
