/**
 * The bench's measure of the lead's numbers: /koordinator/tall/ for a three-year period and both
 * roles, through the running site, signed in as a lead, with 100,000 applications received over
 * three years. The cases are bulk-loaded with the triggers off (as the queue seed is), with their
 * conversations and decisions, then counted once with private.figures_count_existing, the same
 * definition the triggers use (tests/db/numbers.test.ts holds the two to each other). p95 over
 * sequential requests, each timed until its whole body has arrived.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { StackInfo } from '../../supabase/local/stack.ts';
import { startSite } from './project-copy.ts';
import { signInCookie } from './workspace.ts';

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** 100,000 supervisor applications over 1,095 days, nine in ten decided, most with a conversation. */
function seedSql(marker: string, leadId: string, leadEmail: string, rows: number): string {
  return `
    set session_replication_role = replica;
    insert into auth.users (id, email, aud, role)
      values ('${leadId}', '${leadEmail}', 'authenticated', 'authenticated');
    insert into public.coordinators (user_id, name, role) values ('${leadId}', 'Tall Leder', 'lead');
    insert into public.applications (
      reference, submission_id, kind, status, received_at, status_changed_at, status_changed_by,
      full_name, email, phone, street_address, postcode, postal_place, over_18, motivation,
      certificate_status, certificate_issued_on, commitment_months, confirmed_requirements,
      heard_about, privacy_consent, privacy_version, experience_kinds, experience_years,
      availability, children_capacity)
    select
      'TP-' || substr(code, 1, 4) || '-' || substr(code, 5, 4), gen_random_uuid(), 'tilsynsperson',
      case when i % 10 = 0 then 'in_review'
        else (array['approved', 'declined', 'withdrawn', 'approved'])[1 + i % 4] end,
      now() - make_interval(days => i % 1095, hours => i % 9),
      case when i % 10 = 0 then null
        else now() - make_interval(days => i % 1095) + make_interval(days => 5 + i % 50) end,
      case when i % 10 = 0 then null else '${leadId}'::uuid end,
      'Ytelse Testesen', 'ytelse@example.no', '91234567', 'Testveien 1', '7713', 'Steinkjer',
      true, 'Test.', 'bestiller', null, 12, array['kontakt-med-barn', 'stabil-livssituasjon'],
      (array['nettside', 'sosiale-medier', 'bekjent', 'annonse', 'informasjonsmote', 'annet', null])[1 + i % 7],
      true, '${marker}', array[]::text[], 1, array['kveld'], 1
    from generate_series(1, ${rows}) as i,
      lateral (
        select string_agg(substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', 1 + (((i + 9000000) >> (5 * k)) & 31), 1), '' order by k) as code
          from generate_series(0, 7) as k
      ) as c;
    insert into public.application_checklists (application_id, conversation_held_on)
      select id, case when status <> 'withdrawn' then received_on + (abs(hashtext(id::text)) % 12) end
        from public.applications where privacy_version = '${marker}';
    set session_replication_role = origin;
    select private.figures_count_existing();
    analyze private.monthly_figures;
    analyze private.monthly_day_counts;
    analyze private.monthly_sources;`;
}

export async function numbersBench(
  stack: StackInfo,
  copy: string,
  log: (line: string) => void,
  requests = 300,
): Promise<Record<string, number>> {
  const rows = 100_000;
  const lead = { id: randomUUID(), email: `tall-${randomUUID().slice(0, 8)}@test.invalid` };
  const db = new pg.Client({ connectionString: stack.dbUrl });
  await db.connect();
  const seeded = performance.now();
  await db.query(seedSql(`bench-numbers-${randomUUID().slice(0, 8)}`, lead.id, lead.email, rows));
  log(
    `   seeded and counted ${rows} applications in ${round((performance.now() - seeded) / 1000)} s`,
  );
  const { rows: months } = await db.query<{ thisMonth: string; first: string }>(
    `select to_char(now() at time zone 'Europe/Oslo', 'MM.YYYY') as "thisMonth",
            to_char((now() at time zone 'Europe/Oslo') - interval '35 months', 'MM.YYYY') as first`,
  );
  await db.end();

  const site = await startSite(copy, {
    SUPABASE_URL: stack.url,
    SUPABASE_ANON_KEY: stack.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
  });
  try {
    const cookie = await signInCookie(stack, site.url, lead.email);
    const url = `${site.url}/koordinator/tall/?fra=${months[0]?.first}&til=${months[0]?.thisMonth}&rolle=`;
    const ms: number[] = [];
    for (let i = 0; i < requests + 20; i++) {
      const start = performance.now();
      const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
      const html = await response.text();
      if (response.status !== 200 || !html.includes('Hele perioden'))
        throw new Error(`numbers bench: ${url} answered ${response.status} without the figures`);
      if (i >= 20) ms.push(performance.now() - start);
    }
    ms.sort((a, b) => a - b);
    return {
      p50_ms: round(percentile(ms, 50)),
      p95_ms: round(percentile(ms, 95)),
      applications: rows,
      months: 36,
      requests,
    };
  } finally {
    site.child.kill('SIGTERM');
  }
}
