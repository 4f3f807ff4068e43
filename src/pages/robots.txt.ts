import type { APIRoute } from 'astro';
import { plainText } from '../lib/server/file-routes.ts';

/** robots.txt: everything may be indexed except receipts; points to the sitemap. */
export const GET: APIRoute = ({ site }) =>
  plainText(
    [
      'User-agent: *',
      'Disallow: /soknad/kvittering/',
      '',
      `Sitemap: ${new URL('/sitemap-index.xml', site).href}`,
      '',
    ].join('\n'),
    200,
  );
