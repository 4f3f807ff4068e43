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
});
