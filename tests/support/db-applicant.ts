// Min søknad (issue 25) for the database tests: an applicant's sign-in link issued as the sender
// would get it when claiming applicant_link, a session opened through PostgREST with the server key
// as the site does, and the calls of the page's functions, each straight through supabase-js.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { signInLimits } from '../../src/lib/server/auth/sign-in-limits.ts';
import { service, sql } from './db.ts';
import { newCase, type Kind } from './screening.ts';
import type { Payload } from './payloads.ts';

/** The numbers the site passes, with the default client limit. */
export const limits = signInLimits({ SIGN_IN_RATE_LIMIT: 30 });

/** A client address of this test's own, so no other test's requests count against it. */
export const ownClient = () => `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID()}`;

/** A fresh sign-in token for an application, as claim_outbox_messages issues one. */
export async function applicantToken(applicationId: string): Promise<string> {
  const [row] = await sql<{ token: string }>(
    "select private.issue_link_token($1, 'applicant', $1) as token",
    [applicationId],
  );
  return row?.token ?? '';
}

/** Opens a session as the site does (service_role), expecting it open; returns its token. */
export async function openSession(applicationId: string): Promise<string> {
  const { data, error } = await service().rpc('open_applicant_session', {
    link_token: await applicantToken(applicationId),
    client: ownClient(),
  });
  expect(error).toBeNull();
  const answer = data as { state: string; session: string };
  expect(answer.state).toBe('open');
  return answer.session;
}

/** A new application with an address of its own, and a session opened for it. */
export async function applicantCase(
  kind: Kind = 'besokshjem',
  overrides: Payload = {},
): Promise<{ id: string; reference: string; email: string; session: string }> {
  const email = `soker.${randomUUID().slice(0, 8)}@example.no`;
  const id = await newCase(kind, { email, ...overrides });
  const [row] = await sql<{ reference: string }>(
    'select reference from public.applications where id = $1',
    [id],
  );
  return { id, reference: row?.reference ?? '', email, session: await openSession(id) };
}

export interface PageApplication {
  reference: string;
  kind: string;
  status: string;
  steps: { step: string; state: string }[];
  next: string[];
  referees: { wanted: number; done: number };
  co_applicant: string | null;
  answers: Record<string, unknown>;
  erasure_requested_at: string | null;
  withdrawn_by_applicant: boolean;
  email_change_pending: boolean;
}

/** applicant_page as the site calls it; returns the answer. */
export async function page(session: string) {
  const { data, error } = await service().rpc('applicant_page', { session });
  expect(error).toBeNull();
  return data as unknown as { state: string; applications?: PageApplication[] };
}

/** The applicant_link messages queued for an application. */
export const linkMessages = async (id: string) =>
  Number(
    (
      await sql<{ n: string }>(
        `select count(*) as n from public.outbox_messages
          where application_id = $1 and template = 'applicant_link'`,
        [id],
      )
    )[0]?.n,
  );
