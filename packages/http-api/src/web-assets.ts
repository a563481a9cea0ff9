import { stat } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where the built web app lives. */
export interface WebAssetsOptions {
  /** A folder holding `index.html` and the content-hashed files of `assets/` (a Vite build). */
  root: string;
}

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

const isFile = async (file: string): Promise<boolean> => {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
};

/**
 * Serves the web app on the API's origin: `index.html` at `/`, revalidated on every load so a new
 * build shows at once, and `/assets/*` cached for a year, which is safe because their names change
 * with their content. Pages get the HTML CSP from the security headers; unknown paths, under
 * `/assets/` too, keep the JSON `not_found`. Without `index.html` in `root` nothing is registered
 * and a warning is logged: the API still works. Returns whether the app is served.
 */
export const registerWebAssets = async (app: FastifyInstance, options: WebAssetsOptions): Promise<boolean> => {
  const root = path.resolve(options.root);
  if (!(await isFile(path.join(root, 'index.html')))) {
    app.log.warn({ webRoot: root }, 'not serving the web app: its folder has no index.html (run npm run build:web)');
    return false;
  }
  // In a scope of its own, so this plugin's reply decorations cannot clash with the docs page's.
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, {
      root: path.join(root, 'assets'),
      prefix: '/assets/',
      index: false,
      maxAge: ONE_YEAR_MS,
      immutable: true,
    });
    scope.get('/', { schema: { hide: true } }, (_request, reply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html', root, { cacheControl: false }),
    );
  });
  return true;
};
