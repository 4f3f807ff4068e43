import type pg from 'pg';
import { REFERENCE_ALPHABET } from '../../src/lib/reference.ts';
import { openSession, sessionClaims } from './sessions.ts';

/**
 * The screening queue's bulk seed, shared by tests/db/queue.test.ts and the bench: `rows`
 * applications, one in a hundred open (already far more waiting cases than a municipality has;
 * ended ones are deleted after the retention period), the rest approved, declined or withdrawn,
 * each with its checklist, plus one coordinator. Inserted as the superuser with triggers off
 * (session_replication_role = replica), then analyzed. Also how both read the queue as that
 * coordinator.
 */
export interface QueueSeed {
  rows: number;
  coordinatorId: string;
  coordinatorEmail: string;
  coordinatorName: string;
  /** privacy_version of every seeded row, so they can be found and removed again. */
  marker: string;
  /** Added to the row number before it becomes a reference, so two seeds never collide. */
  referenceOffset: number;
}

/** The SQL that seeds the queue as described above. */
export function queueSeedSql(seed: QueueSeed): string {
  return `
    set session_replication_role = replica;
    insert into auth.users (id, email, aud, role)
      values ('${seed.coordinatorId}', '${seed.coordinatorEmail}', 'authenticated', 'authenticated');
    insert into public.coordinators (user_id, name)
      values ('${seed.coordinatorId}', '${seed.coordinatorName}');
    insert into public.applications (
      reference, submission_id, kind, status, received_at, status_changed_at, full_name, email,
      phone, street_address, postcode, postal_place, over_18, motivation, certificate_status,
      certificate_issued_on, commitment_months, confirmed_requirements, privacy_consent,
      privacy_version, experience_kinds, experience_years, availability, children_capacity)
    select
      'TP-' || substr(code, 1, 4) || '-' || substr(code, 5, 4),
      gen_random_uuid(),
      'tilsynsperson',
      case when i % 100 = 0
        then (array['received', 'in_review', 'conversation_scheduled'])[1 + (i / 100) % 3]
        else (array['approved', 'declined', 'withdrawn'])[1 + i % 3]
      end,
      now() - make_interval(days => i % 700),
      now() - make_interval(days => i % 700),
      'Ytelse Testesen', 'ytelse@example.no', '91234567', 'Testveien 1', '7713', 'Steinkjer',
      true, 'Test.', 'bestiller', null, 12,
      array['kontakt-med-barn', 'stabil-livssituasjon'], true, '${seed.marker}',
      array[]::text[], 1, array['kveld'], 1
    from generate_series(1, ${seed.rows}) as i,
      lateral (
        select string_agg(substr('${REFERENCE_ALPHABET}', 1 + (((i + ${seed.referenceOffset}) >> (5 * k)) & 31), 1), '' order by k) as code
          from generate_series(0, 7) as k
      ) as c;
    insert into public.application_checklists (application_id)
      select id from public.applications where privacy_version = '${seed.marker}';
    set session_replication_role = origin;
    analyze public.applications;
    analyze public.application_checklists;`;
}

/**
 * Opens a transaction as the coordinator, with PostgREST's role and JWT claims (a live session of
 * theirs, opened in the same transaction); roll it back.
 */
export async function beginAsCoordinator(db: pg.Client, coordinatorId: string): Promise<void> {
  await db.query('begin');
  const session = await openSession(db, coordinatorId);
  await db.query('set local role authenticated');
  await db.query(`select set_config('request.jwt.claims', $1, true)`, [
    sessionClaims(coordinatorId, session),
  ]);
}
