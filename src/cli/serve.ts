/**
 * Serves the built site (`dist/`) with security headers on every response. It runs the node
 * adapter's own handler (static files, then Astro for pages rendered on request and the Actions)
 * inside a small HTTP server that adds the headers, so prerendered files get them too.
 *
 *   node src/cli/serve.ts        HOST and PORT as for dist/server/entry.mjs
 */
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  hstsEnabled,
  prerenderedPolicies,
  secureResponse,
} from '../lib/server/security-headers.ts';

const projectRoot = path.resolve(import.meta.dirname, '../..');
const distDir = path.join(projectRoot, 'dist');

// The adapter starts its own server on import unless told not to.
process.env['ASTRO_NODE_AUTOSTART'] = 'disabled';
type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const entry = (await import(pathToFileURL(path.join(distDir, 'server/entry.mjs')).href)) as {
  handler: Handler;
};

const policies = prerenderedPolicies(path.join(distDir, 'client'));
const options = { hsts: hstsEnabled() };
const host = process.env['HOST'] ?? 'localhost';
const port = Number(process.env['PORT'] ?? 4321);

const server = http.createServer((req, res) => {
  const pathname = (req.url ?? '/').split(/[?#]/)[0] ?? '/';
  secureResponse(res, pathname, policies, options);
  entry.handler(req, res);
});
server.listen(port, host, () => {
  console.log(
    `Serving dist/ at http://${host}:${port}/ (security headers on${options.hsts ? ', HSTS' : ''})`,
  );
});

function stop(): void {
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
