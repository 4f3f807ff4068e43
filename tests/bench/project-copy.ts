/**
 * The bench's throwaway copy of the project: its sources from the working tree with node_modules
 * linked and an Astro cache of its own, so builds there never touch the working tree; and the
 * built site started in such a copy with src/cli/serve.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, projectRoot } from '../../supabase/local/stack.ts';

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

/** Serves the copy's built site with `env` on a free port; resolves once `/` answers. */
export async function startSite(
  dir: string,
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(dir, 'src/cli/serve.ts')], {
    cwd: dir,
    env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/`)).ok) return { url, child };
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('The site did not start.');
}
