/**
 * Makes a process behave as on a host installed with `npm install --omit=dev`: module resolution
 * refuses every package that package-lock.json marks `"dev": true` (needed only by
 * devDependencies), so an import of `pg`, vitest or the Postgres binaries fails. Load it with
 * `node --import ./tests/support/production-deps.ts <script>`.
 */
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '../..');
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean }>;
};
const devOnly = Object.entries(lock.packages)
  .filter(([key, entry]) => key.startsWith('node_modules/') && entry.dev === true)
  .map(([key]) => `${path.join(root, key)}/`);

register(pathToFileURL(path.join(import.meta.dirname, 'production-deps-hooks.mjs')), {
  data: { devOnly },
});
