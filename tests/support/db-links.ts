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

export interface LinkMessageRow extends Record<string, unknown> {
  template: string;
  subject_id: string | null;
  status: string;
  last_error: string | null;
}

/**
 * One claim as the sender makes it, with every other case's waiting messages marked sent first (so
 * the claim meets only this case's) and this case's waiting ones due now: the e-mails to the
 * co-applicant or referees the claim handed the sender, the rows of those e-mails after it, and how
 * many link tokens the claim issued.
 */
export async function claimLinksOf(id: string): Promise<{
  claimed: { template: string; to_address: string | null; has_token: boolean }[];
  rows: LinkMessageRow[];
  tokensIssued: number;
}> {
  await sql(
    `update public.outbox_messages set status = 'sent', sent_at = now(), locked_until = null
      where status in ('pending', 'sending') and application_id is distinct from $1`,
    [id],
  );
  await sql(
    `update public.outbox_messages set next_attempt_at = now() - interval '1 second'
      where application_id = $1 and status = 'pending'`,
    [id],
  );
  const before = await tokensOf(id);
  const { data, error } = await service().rpc('claim_outbox_messages', { batch: 100 });
  if (error) throw new Error(`claim_outbox_messages: ${error.code}`);
  const tokensIssued = (await tokensOf(id)) - before;
  const rows = await sql<LinkMessageRow>(
    `select template, subject_id, status, last_error from public.outbox_messages
      where application_id = $1 and recipient in ('co_applicant', 'referee')
      order by created_at, id`,
    [id],
  );
  const claimed = (data ?? [])
    .filter((m) => m.recipient === 'co_applicant' || m.recipient === 'referee')
    .map((m) => ({ template: m.template, to_address: m.to_address, has_token: !!m.link_token }));
  return { claimed, rows, tokensIssued };
}

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
