/**
 * The coordinator workspace's gate. Every request under /koordinator/ gets a Supabase client made
 * from its session cookies, and the verified answer to "who is this?"; only an active coordinator
 * gets past the sign-in pages. Workspace responses are never cached and never indexed.
 * The applicant's pages (/min-soknad/) are kept apart: they get no workspace client (a
 * coordinator's Supabase cookies are never read there), and their own cookie is scoped to
 * /min-soknad/, so the workspace never receives it; their responses are not cached either.
 */
import { defineMiddleware } from 'astro:middleware';
import { SIGN_IN_PATH, WORKSPACE_PATH } from './lib/coordinator/sign-in.ts';
import { resolveAccess } from './lib/server/auth/access.ts';
import { createSessionClient } from './lib/server/auth/session.ts';
import { APPLICANT_HEADERS, APPLICANT_PATH } from './lib/server/applicant/session.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  const { pathname } = context.url;
  if (pathname.startsWith(APPLICANT_PATH) && !context.isPrerendered)
    return withHeaders(await next(), APPLICANT_HEADERS);
  if (!pathname.startsWith(WORKSPACE_PATH) || context.isPrerendered) return next();

  const cacheHeaders: Record<string, string> = {};
  const client = createSessionClient(context, (headers) => Object.assign(cacheHeaders, headers));
  const access = await resolveAccess(client);
  context.locals.workspace = { client, access };

  // Signed in, but not an active coordinator (never one, deactivated, banned): end that session
  // at Auth, so nothing of it stays usable, and say only that there is no access.
  if (access.kind === 'denied')
    await client.auth.signOut({ scope: 'local' }).catch(() => undefined);

  let response: Response;
  if (pathname.startsWith(SIGN_IN_PATH) || access.kind === 'coordinator') {
    response = await next();
  } else if (access.kind === 'denied') {
    response = context.redirect(`${SIGN_IN_PATH}?melding=ingen-tilgang`, 303);
  } else if (access.kind === 'unavailable') {
    response = context.redirect(`${SIGN_IN_PATH}?melding=utilgjengelig`, 303);
  } else {
    const query = pathname === WORKSPACE_PATH ? '' : `?neste=${encodeURIComponent(pathname)}`;
    response = context.redirect(`${SIGN_IN_PATH}${query}`, 303);
  }
  // No cache may keep a workspace page (nor one coordinator's page for another), nor index it.
  return withHeaders(response, {
    ...cacheHeaders,
    'Cache-Control': 'no-store',
    'X-Robots-Tag': 'noindex, nofollow',
  });
});

function withHeaders(response: Response, headers: Record<string, string>): Response {
  try {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  } catch {
    // Some responses (Response.redirect) have immutable headers: copy them into a new one.
    const copy = new Response(response.body, response);
    for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
    return copy;
  }
}
