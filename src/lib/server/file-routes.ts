/**
 * The plain-text answer the site's file routes (the case's PDF, the archive ZIP, the numbers' CSV,
 * Min søknad's PDF, robots.txt) give in words. Free of Astro imports, so the routes' unit tests can
 * load it. Server only.
 */

/**
 * A plain-text answer: a refusal or failure in words in place of the file, or the file itself.
 * `headers` adds a route's own (such as Min søknad's no-store); the content type is always this one.
 */
export function plainText(
  body: string,
  status: number,
  headers: Record<string, string> = {},
): Response {
  return new Response(body, {
    status,
    headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
