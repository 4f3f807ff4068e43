/**
 * The bench's throwaway copy of the project: its sources from the working tree with node_modules
 * linked and an Astro cache of its own, so builds there never touch the working tree; and the
 * built site started in such a copy with src/cli/serve.ts.
 */
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../supabase/local/stack.ts';
import { serveSite } from '../support/serve.ts';

const ENTRIES = ['src', 'content', 'public', 'astro.config.mjs', 'tsconfig.json', 'package.json'];

/** A new folder named `prefix…` in the system's temporary folder, holding the copy. */
export function copyProject(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const entry of ENTRIES)
    cpSync(path.join(projectRoot, entry), path.join(dir, entry), { recursive: true });
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'));
  const config = path.join(dir, 'astro.config.mjs');
  writeFileSync(
    config,
    readFileSync(config, 'utf8').replace(
      'export default defineConfig({',
      "export default defineConfig({\n  cacheDir: './.astro-cache',",
    ),
  );
  return dir;
}

/** Serves the copy's built site with `env` on a port of its own; resolves once it listens. */
export async function startSite(
  dir: string,
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const site = await serveSite({ root: dir, env: { PATH: process.env['PATH'] ?? '', ...env } });
  return { url: site.url, child: site.child };
}
