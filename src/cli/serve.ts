/**
 * Serves the built site (`dist/`) with security headers on every response, compressed where the
 * browser accepts it. It runs the node adapter's own handler (static files, then Astro for pages
 * rendered on request and the Actions) inside a small HTTP server that adds both, so prerendered
 * files get them too.
 *
 *   node src/cli/serve.ts        HOST and PORT as for dist/server/entry.mjs
 *
 * With PORT=0 it listens on a port of its own; the line it prints says which. It runs with the
 * V8 flags of memory-flags.ts (restarting itself with them, same process id, if not given them).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import compression from 'compression';
import { ConfigError, serverConfig } from '../lib/server/config.ts';
import {
  hstsEnabled,
  prerenderedPolicies,
  securityHeaders,
} from '../lib/server/security-headers.ts';
import { withMemoryFlags } from './memory-flags.ts';

// First, before the settings are checked and the site is loaded: the garbage collector's settings, which keep the
// site's memory low while it renders archive copies (memory-flags.ts restarts it with them).
withMemoryFlags();

// The settings are checked before anything is served, as `npm start` checks them: a missing or
// malformed value stops the start with one line naming it, instead of failing applicants later.
try {
  serverConfig();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : String(error));
  process.exit(1);
}

const projectRoot = path.resolve(import.meta.dirname, '../..');
const distDir = path.join(projectRoot, 'dist');

// The adapter starts its own server on import unless told not to.
process.env['ASTRO_NODE_AUTOSTART'] = 'disabled';
type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const entry = (await import(pathToFileURL(path.join(distDir, 'server/entry.mjs')).href)) as {
  handler: Handler;
};

const options = { hsts: hstsEnabled() };
const secure = securityHeaders(prerenderedPolicies(path.join(distDir, 'client')), options);
const host = process.env['HOST'] ?? 'localhost';
const port = Number(process.env['PORT'] ?? 4321);

// Pages, stylesheets and scripts go out compressed (brotli or gzip, as the browser accepts):
// the form page's HTML shrinks from 38 to 8 KB and the stylesheet from 103 to 14 KB, which is
// what a phone on a slow connection waits for before it can draw anything. The pages hold no
// secrets next to reflected input, so compression does not open them to BREACH-style guessing.
const compress = compression() as (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  next: () => void,
) => void;

const server = http.createServer((req, res) => {
  secure(req, res, () => compress(req, res, () => entry.handler(req, res)));
});
server.once('error', (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `Port ${port} is in use; stop the program using it or set PORT to another port.`
      : `Could not listen on ${host}:${port}: ${error.message}`,
  );
  process.exit(1);
});
server.listen(port, host, () => {
  const bound = (server.address() as AddressInfo).port;
  console.log(
    `Serving dist/ at http://${host}:${bound}/ (security headers on${options.hsts ? ', HSTS' : ''})`,
  );
});

function stop(): void {
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
