/**
 * Lets plain Node (`npm run outbox:send`) import the e-mail templates: a module hook that compiles
 * `.svelte` files for server rendering with Svelte's own compiler, as Astro's build does for the
 * site. Import this module before anything that imports a template.
 */
import { readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';
import { compile } from 'svelte/compiler';

let registered = false;

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
