/**
 * The bench's measure of the daily overview: private.queue_daily_overviews (the counts of
 * private.daily_overview_counts for every active coordinator, and one outbox message each) for 50
 * coordinators (one of them a lead) with 100,000 applications received over three years: one in
 * ten open (assigned round the 49 coordinators or to nobody, with certificates, referees asked and
 * co-applicants waiting), the rest ended, one in twenty of those not journalført. Bulk-loaded with
 * the triggers off, as the numbers bench does. Timed as the database runs it (one statement, on a
 * working day pinned in the screening clock, in a transaction that is rolled back so each run
 * queues afresh); the figure is the slowest of three runs. The rendering of the e-mails is not in
 * it: the sender renders each when it sends it, as every other e-mail.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { StackInfo } from '../../supabase/local/stack.ts';

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

const COORDINATORS = 50;

function seedSql(marker: string, ids: string[], rows: number): string {
  const coordinators = ids
    .map((id, i) => `('${id}', 'Oversikt ${i + 1}', '${i === 0 ? 'lead' : 'coordinator'}')`)
    .join(',\n      ');
  const users = ids
    .map((id) => `('${id}', '${id}@test.invalid', 'authenticated', 'authenticated')`)
    .join(',\n      ');
  const idArray = `array[${ids.map((id) => `'${id}'::uuid`).join(', ')}]`;
  return `
    set session_replication_role = replica;
    insert into auth.users (id, email, aud, role) values
      ${users};
    insert into public.coordinators (user_id, name, role) values
      ${coordinators};
    insert into public.applications (
      reference, submission_id, kind, status, received_at, received_on, status_changed_at,
      assigned_to, journal_reference, journaled_at, journaled_by,
      full_name, email, phone, street_address, postcode, postal_place, over_18, motivation,
      certificate_status, certificate_issued_on, commitment_months, confirmed_requirements,
      heard_about, privacy_consent, privacy_version, experience_kinds, experience_years,
      availability, children_capacity)
    select
      'TP-' || substr(code, 1, 4) || '-' || substr(code, 5, 4), gen_random_uuid(), 'tilsynsperson',
      case when i % 10 = 0
        then (array['received', 'in_review', 'conversation_scheduled', 'home_visit'])[1 + (i / 10) % 4]
        else (array['approved', 'declined', 'withdrawn', 'approved'])[1 + i % 4] end,
      received, (received at time zone 'Europe/Oslo')::date,
      case when i % 10 <> 0 then received + make_interval(days => 5 + i % 50) end,
      -- Open cases round the 49 coordinators and nobody; ended ones to the coordinators.
      (${idArray})[case when i % 10 = 0 then 1 + (i / 10) % 51 else 2 + i % 49 end],
      case when i % 10 <> 0 and i % 20 <> 1 then '2026/' || i end,
      case when i % 10 <> 0 and i % 20 <> 1 then received + interval '60 days' end,
      case when i % 10 <> 0 and i % 20 <> 1 then '${ids[0]}'::uuid end,
      'Ytelse Testesen', 'ytelse@example.no', '91234567', 'Testveien 1', '7713', 'Steinkjer',
      true, 'Test.', 'bestiller', null, 12, array['kontakt-med-barn', 'stabil-livssituasjon'],
      'nettside', true, '${marker}', array[]::text[], 1, array['kveld'], 1
    from generate_series(1, ${rows}) as i,
      lateral (select now() - make_interval(days => i % 1095, hours => i % 9) as received) as r,
      lateral (
        select string_agg(substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', 1 + (((i + 7000000) >> (5 * k)) & 31), 1), '' order by k) as code
          from generate_series(0, 7) as k
      ) as c;
    -- Every case has its checklist; open ones a verified certificate from the last three months
    -- and, for half, a conversation.
    insert into public.application_checklists (application_id, certificate_issued_on,
        certificate_verified_by, certificate_verified_at, conversation_held_on)
      select a.id, cert, case when cert is not null then '${ids[0]}'::uuid end,
        case when cert is not null then now() end,
        case when a.status <> 'received' and abs(hashtext(a.id::text)) % 2 = 0 then a.received_on end
      from public.applications as a,
        lateral (select case when a.status in ('received', 'in_review', 'conversation_scheduled', 'home_visit')
          then current_date - (abs(hashtext(a.id::text)) % 90) end as cert) as c
      where a.privacy_version = '${marker}';
    -- Two referees per open case, the first asked some days ago; a co-applicant waiting on one in three.
    insert into public.referees (application_id, position, full_name, relation, phone, email,
        status, requested_at, expires_at)
      select a.id, p, 'Referanse Testesen', 'Kollega', '40000000', 'referanse@example.no',
        case when p = 1 then 'asked' else 'not_asked' end,
        case when p = 1 then now() - make_interval(days => abs(hashtext(a.id::text)) % 14) end,
        case when p = 1 then now() - make_interval(days => abs(hashtext(a.id::text)) % 14) + interval '21 days' end
      from public.applications as a, generate_series(1, 2) as p
      where a.privacy_version = '${marker}'
        and a.status in ('received', 'in_review', 'conversation_scheduled', 'home_visit');
    insert into public.co_applicant_parts (application_id, status, requested_at, expires_at)
      select a.id, 'pending', a.received_at, a.received_at + interval '21 days'
      from public.applications as a
      where a.privacy_version = '${marker}'
        and a.status in ('received', 'in_review', 'conversation_scheduled', 'home_visit')
        and abs(hashtext(a.id::text)) % 3 = 0;
    set session_replication_role = origin;
    analyze public.applications;
    analyze public.application_checklists;
    analyze public.referees;
    analyze public.co_applicant_parts;`;
}

export async function overviewBench(
  stack: StackInfo,
  log: (line: string) => void,
  runs = 3,
): Promise<Record<string, number>> {
  const rows = 100_000;
  const ids = Array.from({ length: COORDINATORS }, () => randomUUID());
  const db = new pg.Client({ connectionString: stack.dbUrl });
  await db.connect();
  try {
    const seeded = performance.now();
    await db.query(seedSql(`bench-overview-${randomUUID().slice(0, 8)}`, ids, rows));
    log(`   seeded ${rows} applications in ${round((performance.now() - seeded) / 1000, 1)} s`);
    const [{ total = 0, day = '' } = {}] = (
      await db.query<{ total: number; day: string }>(
        `select (select count(*)::int from public.applications) as total,
                (select d::date::text from generate_series(current_date, current_date + 14, '1 day') as d
                  where private.is_working_day(d::date) limit 1) as day`,
      )
    ).rows;
    const seconds: number[] = [];
    let queued = 0;
    for (let i = 0; i < runs; i++) {
      await db.query('begin');
      try {
        await db.query('update private.screening_clock set pinned_today = $1', [day]);
        const start = performance.now();
        const { rows: result } = await db.query<{ r: { queued: number } }>(
          'select private.queue_daily_overviews(now()) as r',
        );
        seconds.push((performance.now() - start) / 1000);
        queued = result[0]?.r.queued ?? 0;
      } finally {
        await db.query('rollback');
      }
    }
    // Every one of the 50 has new cases nobody has taken, so each gets an overview.
    if (queued < COORDINATORS)
      throw new Error(`overview bench: ${queued} overviews queued, expected ${COORDINATORS}`);
    return {
      overview_seconds: round(Math.max(...seconds), 3),
      overview_coordinators: COORDINATORS,
      overview_applications: total,
      overview_runs: runs,
    };
  } finally {
    await db.end();
  }
}
