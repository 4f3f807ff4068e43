/**
 * The bench's coordinator-workspace measure (tests/bench/run.ts calls it after seeding 100,000
 * applications): the queue's first page and a case page through the running site, signed in.
 */
import pg from 'pg';
import { latestMessage } from '../../supabase/local/mailbox.ts';
import type { StackInfo } from '../../supabase/local/stack.ts';

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/**
 * The workspace through the running site, signed in as the queue seed's coordinator (an e-mail
 * code from the local mailbox, as a coordinator signs in): the queue's first page and a case page,
 * sequential requests, each timed until its whole body has arrived. Every request includes the
 * middleware's sign-in check (Auth verifies the token, PostgREST reads the coordinator row).
 */
export async function workspaceBench(
  stack: StackInfo,
  siteUrl: string,
  email: string,
  /** The page's JavaScript, gzip bytes (the bench's pageJs). */
  jsBytes: (html: string) => number,
  requests = 300,
): Promise<Record<string, number>> {
  const cookie = await signInCookie(stack, siteUrl, email);
  const db = new pg.Client({ connectionString: stack.dbUrl });
  await db.connect();
  const reference = (
    await db.query<{ reference: string }>('select reference from public.screening_queue limit 1')
  ).rows[0]?.reference;
  await db.end();
  const timed = async (url: string): Promise<{ ms: number[]; html: string }> => {
    const ms: number[] = [];
    let html = '';
    for (let i = 0; i < requests + 20; i++) {
      const start = performance.now();
      const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
      html = await response.text();
      if (response.status !== 200)
        throw new Error(`workspace bench: ${url} answered ${response.status}`);
      if (i >= 20) ms.push(performance.now() - start);
    }
    return { ms: ms.sort((a, b) => a - b), html };
  };
  const queue = await timed(`${siteUrl}/koordinator/`);
  if (!queue.html.includes('Søknadskøen')) throw new Error('workspace bench: not the queue');
  const casePage = await timed(`${siteUrl}/koordinator/sak/${reference}/`);
  return {
    queue_p50_ms: round(percentile(queue.ms, 50)),
    queue_p95_ms: round(percentile(queue.ms, 95)),
    case_p50_ms: round(percentile(casePage.ms, 50)),
    case_p95_ms: round(percentile(casePage.ms, 95)),
    js_gzip_bytes: Math.max(jsBytes(queue.html), jsBytes(casePage.html)),
    requests,
  };
}

/**
 * Signs in at the running site as `email` with the e-mail code from the local mailbox, as a
 * coordinator does, and gives the session cookies.
 */
export async function signInCookie(
  stack: StackInfo,
  siteUrl: string,
  email: string,
): Promise<string> {
  const origin = { Origin: siteUrl, 'Content-Type': 'application/x-www-form-urlencoded' };
  const since = Date.now() - 1000;
  await fetch(`${siteUrl}/koordinator/logg-inn/?_action=coordinatorAuth.requestCode`, {
    method: 'POST',
    headers: origin,
    body: new URLSearchParams({ email }),
    redirect: 'manual',
  });
  let code: string | undefined;
  for (let i = 0; i < 100 && !code; i++) {
    const message = latestMessage(stack.mailboxDir, email);
    if (message && new Date(message.storedAt).getTime() >= since) code = message.code ?? undefined;
    else await new Promise((r) => setTimeout(r, 100));
  }
  if (!code) throw new Error('workspace bench: no sign-in code');
  const signedIn = await fetch(
    `${siteUrl}/koordinator/logg-inn/?_action=coordinatorAuth.verifyCode`,
    {
      method: 'POST',
      headers: origin,
      body: new URLSearchParams({ email, code }),
      redirect: 'manual',
    },
  );
  const cookie = signedIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((c) => c && !c.endsWith('='))
    .join('; ');
  return cookie;
}
