import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The API the dev server forwards to (the local server's default port).
const apiTarget = process.env.DOCENT_API_URL ?? 'http://127.0.0.1:3000';

const POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'";

/**
 * A Content-Security-Policy for the built page only: the production build has no inline script or
 * style, so everything can be limited to the app's own origin. (The dev server injects inline
 * scripts for hot reload, so it gets none.) `frame-ancestors` cannot be set from a meta tag.
 */
const contentSecurityPolicy = (): Plugin => ({
  name: 'docent-csp',
  apply: 'build',
  // Right after the charset, so it is in force before any script or stylesheet tag.
  transformIndexHtml: (html) =>
    html.replace(
      '<meta charset="UTF-8" />',
      `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${POLICY}" />`,
    ),
});

export default defineConfig({
  base: '/',
  plugins: [react(), contentSecurityPolicy()],
  build: { outDir: 'dist', sourcemap: false, emptyOutDir: true },
  server: {
    proxy: Object.fromEntries(['/auth', '/documents', '/query', '/health'].map((path) => [path, apiTarget])),
  },
});
