/**
 * Lets plain Node (`npm run outbox:send`, which runs without Vite) import the e-mail templates: a
 * module hook that compiles `.svelte` files for server rendering with Svelte's own compiler, with
 * the options Astro's build uses for the site, so both render the same bytes
 * (tests/bench/email-render.ts checks it). Import this module before anything that imports a
 * template. Svelte 5 ships no loader for Node (Svelte 4's `svelte/register` is gone); Vite's
 * module runner would also do, but takes twice as long to the first e-mail
 * (tests/bench/results/email-render.json).
 */
import { readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';
import { compile } from 'svelte/compiler';

let registered = false;

/** Registers the hook once (importing this module does it). */
export function registerSvelteHooks(): void {
  if (registered) return;
  registered = true;
  registerHooks({
    load(url, context, nextLoad) {
      if (!url.startsWith('file:') || !url.endsWith('.svelte')) return nextLoad(url, context);
      const filename = fileURLToPath(url);
      const { js } = compile(readFileSync(filename, 'utf8'), {
        filename,
        generate: 'server',
        dev: false,
      });
      return { format: 'module', source: js.code, shortCircuit: true };
    },
  });
}

registerSvelteHooks();
