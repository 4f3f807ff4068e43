// Screening cases for the database tests: an application submitted as the site does, moved along
// the workflow and its checklist filled in straight through PostgREST as a coordinator, and the
// screening clock pinned to a day. A file that pins the clock resets it after each test
// (`afterEach(() => pinToday(null))`), since the clock is one row shared by the whole stack.
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { expect } from 'vitest';
import { osloDate } from '../../src/lib/dates.ts';
import type { Database } from '../../src/lib/database.types.ts';
import { sql, storeApplication, withDb } from './db.ts';
import { applicationPayload, partner, type Payload } from './payloads.ts';

export type Db = SupabaseClient<Database>;
export type Kind = 'besokshjem' | 'tilsynsperson';
export type Status =
  | 'received'
  | 'in_review'
  | 'conversation_scheduled'
  | 'home_visit'
  | 'approved'
  | 'declined'
  | 'withdrawn';
type ChecklistUpdate = Database['public']['Tables']['application_checklists']['Update'];

export const statuses: Status[] = [
  'received',
  'in_review',
  'conversation_scheduled',
  'home_visit',
  'approved',
  'declined',
  'withdrawn',
];

/** How to walk a case from received to each status. */
export const pathTo: Record<Kind, Partial<Record<Status, Status[]>>> = {
  besokshjem: {
    received: [],
    in_review: ['in_review'],
    conversation_scheduled: ['in_review', 'conversation_scheduled'],
    home_visit: ['in_review', 'conversation_scheduled', 'home_visit'],
    approved: ['in_review', 'conversation_scheduled', 'home_visit', 'approved'],
    declined: ['in_review', 'declined'],
    withdrawn: ['withdrawn'],
  },
  tilsynsperson: {
    received: [],
    in_review: ['in_review'],
    conversation_scheduled: ['in_review', 'conversation_scheduled'],
    approved: ['in_review', 'conversation_scheduled', 'approved'],
    declined: ['in_review', 'declined'],
    withdrawn: ['withdrawn'],
  },
};

/** Today in Europe/Oslo, as the database's clock has it when nothing is pinned. */
export const today = () => osloDate(new Date());

/** `iso` moved by `days` calendar days. */
export const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** A date as the guard writes it in Norwegian: 2026-11-22 → 22.11.2026. */
export const norwegian = (iso: string) => iso.split('-').reverse().join('.');

/** Pins the screening clock's today to `date` (null: the real day again). */
export const pinToday = (date: string | null) =>
  sql('update private.screening_clock set pinned_today = $1', [date]);

/**
 * Submits a valid application of `kind` as the site does and returns its id. The applicant has
 * known personal values (Kari Testesen, kari.testesen.…), so a test can show none is logged.
 */
export async function newCase(kind: Kind, overrides: Payload = {}): Promise<string> {
  const payload = applicationPayload(kind, {
    full_name: 'Kari Testesen',
    email: `kari.testesen.${randomUUID().slice(0, 8)}@example.no`,
    ...overrides,
  });
  await storeApplication(payload);
  const rows = await sql<{ id: string }>(
    'select id from public.applications where submission_id = $1',
    [payload['submission_id']],
  );
  return rows[0]?.id ?? '';
}

export const referenceOf = async (id: string) =>
  (
    await sql<{ reference: string }>('select reference from public.applications where id = $1', [
      id,
    ])
  )[0]?.reference ?? '';

export const statusOf = async (id: string) =>
  (await sql<{ status: string }>('select status from public.applications where id = $1', [id]))[0]
    ?.status;

/** Asks PostgREST, as `as`, to move the case to `status`. */
export const move = (as: Db, id: string, status: Status) =>
  as.from('applications').update({ status }).eq('id', id).select('id, status');

/** Asks PostgREST, as `as`, to write `values` to the case's checklist. */
export const fill = (as: Db, id: string, values: ChecklistUpdate) =>
  as.from('application_checklists').update(values).eq('application_id', id).select();

/** A connection that runs SQL as the database owner (pg.Client, or the e2e stack's). */
export interface OwnerDb {
  query: (text: string, values?: unknown[]) => Promise<unknown>;
}

/**
 * Completes what others give for a case, as the database owner, so that the approval guard asks
 * only for the coordinator's own steps: a pending co-applicant confirms (with valid answers), and
 * every referee not yet answered, declined or taken by phone answers online. For tests about
 * something else that must approve a case (db and e2e: `withE2EDb((db) => completeHousehold(db,
 * id))`). Writes no audit rows: nobody in the test gave these answers.
 */
export async function completeHousehold(db: OwnerDb, applicationId: string): Promise<void> {
  await db.query(
    `update public.co_applicant_parts
        set status = 'confirmed', answered_at = now(), over_18 = true, phone = '93456789',
            call_time = 'dagtid', certificate_status = 'bestiller', privacy_version = '2.3'
      where application_id = $1 and status = 'pending'`,
    [applicationId],
  );
  await db.query(
    `update public.referees
        set status = 'answered', requested_at = coalesce(requested_at, now() - interval '1 hour'),
            expires_at = coalesce(expires_at, now() + interval '21 days'), answered_at = now(),
            answers = '{"kjennskap": "Som kollega i mange år."}'
      where application_id = $1 and status in ('not_asked', 'asked')`,
    [applicationId],
  );
}

/**
 * Fills in the checklist so that approval passes today, as `as`: the dates, and the references
 * (the co-applicant's part and the referees by completeHousehold; the coordinator's tick only for
 * a case whose form asked for no referees).
 */
export async function readyForApproval(as: Db, id: string, kind: Kind) {
  const [row] = await sql<{ referees_wanted: number }>(
    'select referees_wanted from public.applications where id = $1',
    [id],
  );
  const { error } = await fill(as, id, {
    certificate_issued_on: today(),
    conversation_held_on: today(),
    ...(kind === 'besokshjem' ? { home_visit_held_on: today() } : {}),
    ...(row?.referees_wanted ? {} : { references_checked: true }),
  });
  expect(error).toBeNull();
  await withDb((db) => completeHousehold(db, id));
}

/** Walks the case from received to `target` as `as` (filling in the checklist for approval). */
export async function walk(as: Db, id: string, kind: Kind, target: Status) {
  if (target === 'approved') await readyForApproval(as, id, kind);
  for (const step of pathTo[kind][target] ?? []) {
    const { error } = await move(as, id, step);
    expect(error).toBeNull();
  }
}

/** The partner of a joint visit-home application, with known personal values. */
export const together = () => ({
  ...partner,
  partner_name: 'Ola Testesen',
  partner_email: 'ola.testesen@example.no',
});

/**
 * A joint visit-home case at home_visit, received the day before `day`, with the applicant's
 * certificate, the conversation and the home visit recorded on `day` by `as`, the co-applicant
 * confirmed and the referees answered (completeHousehold): ready for approval
 * on `day` except for the partner's certificate. Leaves the clock pinned to `day`.
 */
export async function jointCase(as: Db, day: string): Promise<string> {
  const id = await newCase('besokshjem', together());
  await sql(
    `update public.applications set received_at = ($2::date - 1)::timestamptz where id = $1`,
    [id, day],
  );
  await walk(as, id, 'besokshjem', 'conversation_scheduled');
  await pinToday(day);
  const checklist = await fill(as, id, {
    certificate_issued_on: day,
    conversation_held_on: day,
    home_visit_held_on: day,
  });
  expect(checklist.error).toBeNull();
  expect((await move(as, id, 'home_visit')).error).toBeNull();
  await withDb((db) => completeHousehold(db, id));
  return id;
}

/** What the approval guard says is missing, as application_next_steps gives it to `as`. */
export async function approvalMissing(as: Db, id: string) {
  const { data, error } = await as.rpc('application_next_steps', {
    application_reference: await referenceOf(id),
  });
  expect(error).toBeNull();
  return data?.find((step) => step.status === 'approved')?.approval_missing ?? null;
}
