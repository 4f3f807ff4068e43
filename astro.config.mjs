// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import svelte from '@astrojs/svelte';
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';

// The public address is only used for absolute URLs (sitemap, Open Graph); the site itself
// runs on any host.
const site = process.env.SITE_URL ?? 'http://localhost:4321';

/**
 * Vite wraps every dynamic import in the browser in a helper (about 0.8 KB gzip in the form
 * island) that preloads the imported chunk's dependencies and stylesheets. The site's only lazy
 * chunks (the form's schemas and check step) depend on nothing but the Svelte runtime, which the
 * page has already loaded, and have no stylesheet, so the helper only has to call the import.
 * The build fails if a lazy chunk ever brings a stylesheet, which this helper would not load.
 */
const PRELOAD_HELPER = '\0vite/preload-helper.js';
const plainDynamicImports = {
  name: 'fosterportal:plain-dynamic-imports',
  enforce: /** @type {const} */ ('pre'),
  resolveId(/** @type {string} */ id) {
    return id === PRELOAD_HELPER || id === 'vite/preload-helper.js' ? PRELOAD_HELPER : null;
  },
  load(/** @type {string} */ id) {
    return id === PRELOAD_HELPER ? 'export const __vitePreload = (load) => load();' : null;
  },
  generateBundle(
    /** @type {unknown} */ _options,
    /** @type {Record<string, { type: string; code?: string; fileName: string }>} */ bundle,
  ) {
    for (const chunk of Object.values(bundle))
      if (chunk.type === 'chunk' && /__vite__mapDeps[^\n]*\.css["']/.test(chunk.code ?? ''))
        throw new Error(`${chunk.fileName}: a lazily loaded chunk needs a stylesheet`);
  },
};

/** `client:firstuse`: hydrate an island when it is first used (src/lib/client/first-use-directive.ts). */
const firstUseDirective = {
  name: 'fosterportal:first-use-directive',
  hooks: {
    'astro:config:setup': (
      /** @type {{ addClientDirective: (d: { name: string; entrypoint: string }) => void }} */ {
        addClientDirective,
      },
    ) =>
      addClientDirective({
        name: 'firstuse',
        entrypoint: fileURLToPath(
          new URL('./src/lib/client/first-use-directive.ts', import.meta.url),
        ),
      }),
  },
};

export default defineConfig({
  site,
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  integrations: [
    firstUseDirective,
    mdx(),
    // No `window.__svelte` version marker: a few bytes less in every island.
    svelte({ compilerOptions: { discloseVersion: false } }),
    // Receipts are personal and development pages are not for the public: keep them out.
    sitemap({ filter: (page) => !/\/(soknad\/kvittering|dev)\//.test(new URL(page).pathname) }),
  ],
  trailingSlash: 'always',
  security: {
    checkOrigin: true,
    // Content-Security-Policy with hashes for every script and style Astro emits (islands, the
    // meetings page's inline script): no 'unsafe-inline'. Prerendered pages carry it as a <meta>
    // tag, which src/cli/serve.ts also sends as a header, adding frame-ancestors 'none' (browsers
    // ignore that directive in a <meta> tag and warn about it).
    csp: {
      algorithm: 'SHA-256',
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
      ],
    },
  },
  server: { host: 'localhost', port: 4321 },
  vite: { plugins: [plainDynamicImports] },
});
