// The personal links of issue 24 for the database tests: the roles that must read nothing (each a
// supabase-js client straight through PostgREST), tokens issued as the sender would get them, and
// the stored rows of a case's co-applicant part, referees, tokens and link e-mails.
import { randomUUID } from 'node:crypto';
import { addUser, anon, client, service, sql, stack, userToken } from './db.ts';
import type { Db } from './screening.ts';

/** Every role a test of the links needs, each as its own user. */
export interface LinkRoles {
  coordinator: Db;
  coordinatorId: string;
  lead: Db;
  inactive: Db;
  stranger: Db;
  signedOut: Db;
}

/**
 * An active coordinator, a lead, a deactivated coordinator, a signed-in user who is not a
 * coordinator, and a coordinator whose session has ended (signed out: the token is still a valid
 * JWT, but its session is gone).
 */
export async function linkRoles(): Promise<LinkRoles> {
  const coordinatorId = randomUUID();
  const coordinator = await addUser(coordinatorId, { name: 'Test Koordinator' });
  const lead = await addUser(randomUUID(), { name: 'Test Leder', role: 'lead' });
  const inactive = await addUser(randomUUID(), { name: 'Test Sluttet', active: false });
  const stranger = await addUser(randomUUID());
  const signedOutId = randomUUID();
  await addUser(signedOutId, { name: 'Test Utlogget' });
  const token = await userToken(signedOutId);
  await sql('delete from auth.sessions where user_id = $1', [signedOutId]);
  const signedOut = client(stack().anonKey, token);
  return { coordinator, coordinatorId, lead, inactive, stranger, signedOut };
}

/** The roles that may read no answers: anon, the server key, and signed-in non-coordinators. */
export const outsiders = (roles: LinkRoles): [string, () => Db][] => [
  ['anon', () => anon()],
  ['service_role (the server key)', () => service()],
  ['a signed-in user who is not a coordinator', () => roles.stranger],
  ['a deactivated coordinator', () => roles.inactive],
  ['a signed-out coordinator', () => roles.signedOut],
];

/** A fresh link token for a subject, as claim_outbox_messages issues one for an e-mail. */
export async function issueToken(
  applicationId: string,
  purpose: 'co_applicant' | 'referee',
  subjectId: string,
): Promise<string> {
  const [row] = await sql<{ token: string }>(
    'select private.issue_link_token($1, $2, $3) as token',
    [applicationId, purpose, subjectId],
  );
  return row?.token ?? '';
}

export interface PartRow extends Record<string, unknown> {
  status: string;
  requested_at: Date | null;
  expires_at: Date | null;
  answered_at: Date | null;
  over_18: boolean | null;
  phone: string | null;
  call_time: string | null;
  certificate_status: string | null;
  certificate_issued_on: string | null;
  privacy_version: string | null;
}

export const partOf = async (id: string) =>
  (
    await sql<PartRow>(
      `select status, requested_at, expires_at, answered_at, over_18, phone, call_time,
              certificate_status, certificate_issued_on::text, privacy_version
         from public.co_applicant_parts where application_id = $1`,
      [id],
    )
  )[0];

export interface RefereeRow extends Record<string, unknown> {
  id: string;
  position: number;
  full_name: string;
  email: string;
  status: string;
  requested_at: Date | null;
  reminded_at: Date | null;
  expires_at: Date | null;
  answered_at: Date | null;
  answers: Record<string, string> | null;
  phone_note: string | null;
  recorded_by: string | null;
}

export const refereesOf = (id: string) =>
  sql<RefereeRow>(
    `select id, position, full_name, email, status, requested_at, reminded_at, expires_at,
            answered_at, answers, phone_note, recorded_by
       from public.referees where application_id = $1 order by position`,
    [id],
  );

/** The link e-mails queued for a case, oldest first. */
export const linkMessagesOf = (id: string) =>
  sql<{ template: string; recipient: string; subject_id: string | null }>(
    `select template, recipient, subject_id from public.outbox_messages
      where application_id = $1 and recipient in ('co_applicant', 'referee')
      order by created_at, id`,
    [id],
  );

/** How many link tokens a case has. */
export const tokensOf = async (id: string) =>
  Number(
    (
      await sql<{ n: string }>(
        'select count(*) as n from private.link_tokens where application_id = $1',
        [id],
      )
    )[0]?.n,
  );

/** The audit rows of the links of a case (co-applicant part and referees), oldest first. */
export const linkAuditOf = (id: string) =>
  sql<{ table_name: string; action: string; actor_id: string | null; changes: unknown }>(
    `select table_name, action, actor_id, changes from public.audit_log
      where application_id = $1 and table_name in ('co_applicant_parts', 'referees')
      order by id`,
    [id],
  );

/** A token that has the right shape but was never issued. */
export const madeUpToken = () =>
  Buffer.from(randomUUID() + randomUUID())
    .toString('base64url')
    .slice(0, 43);

/**
 * Records an ended case as journalført, as a coordinator does on the case page, so that it leaves
 * the list of ended cases waiting for the archive (which other test files page through).
 */
export async function journal(as: Db, id: string): Promise<void> {
  const number = `2026/${Math.floor(Math.random() * 90_000) + 10_000}-1`;
  const { error } = await as
    .from('applications')
    .update({ journal_reference: number })
    .eq('id', id);
  if (error) throw new Error(`journal_reference: ${error.code}`);
}
