// The database as the last line (issue 15): every finding of the review, tried straight through
// PostgREST as anon, as service_role and as coordinators, and in two concurrent sessions.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMonths, osloDate } from '../../src/lib/dates.ts';
import { anon, client, service, stack, stackLogFromNow, userToken, withDb } from '../support/db.ts';
import { applicationPayload, type Payload } from '../support/payloads.ts';
import { beginAsCoordinator } from '../support/queue-seed.ts';

type Kind = 'besokshjem' | 'tilsynsperson';
const today = () => osloDate(new Date());
const sql = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
  withDb(async (db) => (await db.query<T>(text, values)).rows);

const submit = (application: unknown) =>
  service().rpc('submit_application', { application } as never);
const stored = async (submissionId: unknown) =>
  (await sql('select id from public.applications where submission_id::text = $1', [submissionId]))
    .length;

const ids = { coordinator: randomUUID(), colleague: randomUUID(), lead: randomUUID() };
let coordinator: ReturnType<typeof client>;
let lead: ReturnType<typeof client>;

beforeAll(async () => {
  await sql(
    `insert into auth.users (id, email, aud, role)
       select id, id || '@test.invalid', 'authenticated', 'authenticated'
         from unnest($1::uuid[]) as id;
     `.replace(/;\s*$/, ''),
    [[ids.coordinator, ids.colleague, ids.lead]],
  );
  await sql(
    `insert into public.coordinators (user_id, name, role) values
       ($1, 'Siste Linje', 'coordinator'), ($2, 'Samtidig Kollega', 'coordinator'), ($3, 'Leder Linje', 'lead')`,
    [ids.coordinator, ids.colleague, ids.lead],
  );
  const { anonKey } = stack();
  coordinator = client(anonKey, await userToken(ids.coordinator));
  lead = client(anonKey, await userToken(ids.lead));
});

/** Stores a valid application and returns its id. */
async function newCase(kind: Kind, overrides: Payload = {}): Promise<string> {
  const payload = applicationPayload(kind, overrides);
  const { error } = await submit(payload);
  expect(error).toBeNull();
  const rows = await sql<{ id: string }>(
    'select id from public.applications where submission_id = $1',
    [payload['submission_id']],
  );
  return rows[0]?.id ?? '';
}

const move = (as: ReturnType<typeof client>, id: string, status: string) =>
  as.from('applications').update({ status }).eq('id', id).select('id');

async function walkTo(id: string, steps: string[]) {
  for (const step of steps) expect((await move(coordinator, id, step)).error).toBeNull();
}

const fill = (id: string, values: Record<string, unknown>) =>
  coordinator
    .from('application_checklists')
    .update(values as never)
    .eq('application_id', id)
    .select();

describe('finding 1: the database refuses what the form refuses', () => {
  const visitHome = (overrides: Payload = {}) => applicationPayload('besokshjem', overrides);
  it.each([
    ['adults 2.5', { adults: 2.5 }, 'adults'],
    ['adults as a string', { adults: '2' }, 'adults'],
    ['commitment as a string', { commitment_months: '12' }, 'commitment_months'],
    ['weekends as a string', { weekends_per_month: '1' }, 'weekends_per_month'],
    ['over_18 "yes"', { over_18: 'yes' }, 'over_18'],
    ['privacy_consent "on"', { privacy_consent: 'on' }, 'privacy_consent'],
    [
      'a repeated requirement',
      {
        confirmed_requirements: [
          'stabil-livssituasjon',
          'overskudd-og-tid',
          'glad-i-barn',
          'trygge-rutiner',
          'glad-i-barn',
        ],
      },
      'confirmed_requirements',
    ],
    [
      'the removed health code',
      {
        confirmed_requirements: [
          'stabil-livssituasjon',
          'overskudd-og-tid',
          'glad-i-barn',
          'trygge-rutiner',
          'ingen-store-belastninger',
        ],
      },
      'confirmed_requirements',
    ],
    ['a repeated also_available', { also_available: ['ferier', 'ferier'] }, 'also_available'],
    ['a repeated suited_ages', { suited_ages: ['0-5', '0-5'] }, 'suited_ages'],
    ['names in children_ages', { children_ages: 'Ola 7, Kari 9' }, 'children_ages'],
    ['a motivation that is a tab', { motivation: '\t' }, 'motivation'],
    ['a name with a tab', { full_name: 'Kari\tNordmann' }, 'full_name'],
    ['a name with a newline', { full_name: 'Kari\nNordmann' }, 'full_name'],
    ['a name with a right-to-left override', { full_name: 'Kari \u202eNordmann' }, 'full_name'],
    ['a name ending in a no-break space', { full_name: 'Kari Nordmann\u00a0' }, 'full_name'],
    [
      'a postal place with a zero-width no-break space first',
      { postal_place: '\ufeffTrondheim' },
      'postal_place',
    ],
    ['the e-mail a,b@c.d', { email: 'a,b@c.d' }, 'email'],
    ['an unpublished privacy version', { privacy_version: '2099-01-01' }, 'privacy_version'],
    ['101 code points in a name', { full_name: 'é'.repeat(101) }, 'full_name'],
    ['a missing certificate date key', { certificate_issued_on: undefined }, 'missing field'],
  ])('refuses %s, naming only the field', async (_, overrides, field) => {
    const payload = JSON.parse(JSON.stringify(visitHome(overrides as Payload)));
    const { data, error } = await submit(payload);
    expect(data).toBeNull();
    expect(error?.code).toBe('22023');
    expect(error?.message).toBe(`invalid field: ${field}`);
    expect(await stored(payload.submission_id)).toBe(0);
  });

  it('lengths count code points as the form does: 100 emoji in a name are stored', async () => {
    const payload = visitHome({ full_name: '😀'.repeat(100) });
    expect((await submit(payload)).error).toBeNull();
    expect(await stored(payload['submission_id'])).toBe(1);
  });

  it('every published privacy version is the one the privacy page shows', async () => {
    const page = readFileSync('content/pages/personvern.mdx', 'utf8');
    const version = /^version:\s*'?([^'\n]+)'?$/m.exec(page)?.[1];
    const versions = await sql<{ version: string }>('select version from private.privacy_versions');
    expect(versions.map((v) => v.version)).toContain(version);
  });
});

describe('finding 2: no personal data in error answers or the Postgres log', () => {
  it('refusals name the field only, in the answer and in the log', async () => {
    const log = await stackLogFromNow();
    const marker = `Hemmelig${randomUUID().slice(0, 8)}`;
    const hostile = [
      { full_name: `${marker}\u202e` },
      { email: `${marker},x@example.no` },
      { motivation: `${marker}\u0007` },
      { street_address: ` ${marker}` },
      { children_ages: marker },
    ];
    for (const overrides of hostile) {
      const payload = applicationPayload('besokshjem', { phone: '97531864', ...overrides });
      const { error } = await submit(payload);
      expect(error).not.toBeNull();
      expect(JSON.stringify(error)).not.toContain(marker);
      expect(JSON.stringify(error)).not.toContain('97531864');
    }
    // A value that only the table's own constraint catches still answers without the row.
    const direct = await withDb(async (db) => {
      try {
        await db.query(
          `select public.submit_application(jsonb_set($1::jsonb, '{adults}', '1e400'))`,
          [JSON.stringify(applicationPayload('besokshjem', { full_name: marker }))],
        );
        return '';
      } catch (error) {
        return JSON.stringify(error);
      }
    });
    expect(direct).not.toContain(marker);
    // What this test made Postgres log, up to the refusal of its last statement.
    await expect.poll(log, { timeout: 15_000 }).toContain('invalid field: adults');
    expect(log()).toContain('invalid field: full_name');
    expect(log()).not.toContain(marker);
    expect(log()).not.toContain('97531864');
    expect(log()).not.toContain('Failing row contains');
  });
});

describe('finding 3: the public key is no mailer', () => {
  it('a burst as anon straight through PostgREST is refused with 401 and mails nothing', async () => {
    const { url, anonKey } = stack();
    const before = await sql<{ n: string }>('select count(*) as n from public.outbox_messages');
    const statuses = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const answer = await fetch(`${url}/rest/v1/rpc/submit_application`, {
          method: 'POST',
          headers: {
            apikey: anonKey,
            authorization: `Bearer ${anonKey}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ application: applicationPayload('tilsynsperson') }),
        });
        return answer.status;
      }),
    );
    expect(new Set(statuses)).toEqual(new Set([401]));
    const after = await sql<{ n: string }>('select count(*) as n from public.outbox_messages');
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('a signed-in user may not submit either', async () => {
    const { error } = await coordinator.rpc('submit_application', {
      application: applicationPayload('tilsynsperson'),
    } as never);
    expect(error?.code).toBe('42501');
  });

  it('one address gets at most three receipts a day, however the calls arrive (429 after)', async () => {
    const email = `mottaker-${randomUUID().slice(0, 8)}@example.no`;
    const { url, serviceRoleKey } = stack();
    const statuses = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const answer = await fetch(`${url}/rest/v1/rpc/submit_application`, {
          method: 'POST',
          headers: {
            apikey: serviceRoleKey,
            authorization: `Bearer ${serviceRoleKey}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            application: applicationPayload('tilsynsperson', { email: email.toUpperCase() }),
          }),
        });
        return answer.status;
      }),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
    const receipts = await sql<{ n: string }>(
      `select count(*) as n from public.outbox_messages m join public.applications a on a.id = m.application_id
        where lower(a.email) = $1 and m.template = 'receipt'`,
      [email],
    );
    expect(receipts[0]?.n).toBe('3');
  });
});

describe('finding 4: service_role may submit and send, nothing else', () => {
  it('reads no application, checklist, note, log, outbox row or coordinator', async () => {
    for (const table of [
      'applications',
      'application_checklists',
      'application_notes',
      'audit_log',
      'outbox_messages',
      'coordinators',
      'screening_settings',
      'screening_queue',
    ]) {
      const { error } = await service()
        .from(table as never)
        .select('*')
        .limit(1);
      expect(error?.code, table).toBe('42501');
    }
  });

  it('writes no note, no log row, no status and no applicant data', async () => {
    const id = await newCase('besokshjem');
    const note = await service()
      .from('application_notes')
      .insert({ application_id: id, body: 'Forfalsket', author_id: ids.coordinator } as never);
    expect(note.error?.code).toBe('42501');
    const log = await service()
      .from('audit_log')
      .insert({
        actor_id: ids.lead,
        actor_role: 'authenticated',
        table_name: 'applications',
        action: 'update',
      } as never);
    expect(log.error?.code).toBe('42501');
    const status = await service()
      .from('applications')
      .update({ status: 'in_review' })
      .eq('id', id);
    expect(status.error?.code).toBe('42501');
    const email = await service()
      .from('applications')
      .update({ email: 'x@example.no' } as never)
      .eq('id', id);
    expect(email.error?.code).toBe('42501');
    const row = await sql<{ status: string; n: string }>(
      `select a.status, (select count(*) from public.application_notes n where n.application_id = a.id) as n
         from public.applications a where a.id = $1`,
      [id],
    );
    expect(row[0]).toEqual({ status: 'received', n: '0' });
  });

  it('the assigned-coordinator fallback is for a database administrator only, and logged as such', async () => {
    const id = await newCase('tilsynsperson');
    await walkTo(id, ['in_review']);
    // An API request without a signed-in coordinator (claims as PostgREST sets them) gets no actor.
    const refused = await withDb(async (db) => {
      await db.query('begin');
      await db.query(`select set_config('request.jwt.claims', '{"role":"service_role"}', true)`);
      try {
        await db.query(
          `update public.applications set status = 'conversation_scheduled' where id = $1`,
          [id],
        );
        return null;
      } catch (error) {
        return (error as { code?: string }).code;
      } finally {
        await db.query('rollback');
      }
    });
    expect(refused).toBe('23514');
    // The administrator (postgres, no claims) acts for the assigned coordinator; the log says postgres.
    await sql(`update public.applications set status = 'conversation_scheduled' where id = $1`, [
      id,
    ]);
    const rows = await sql<{ actor_id: string | null; actor_role: string }>(
      `select actor_id, actor_role from public.audit_log
        where application_id = $1 and action = 'status_change' order by id desc limit 1`,
      [id],
    );
    expect(rows[0]).toEqual({ actor_id: null, actor_role: 'postgres' });
  });
});

describe('finding 5: the approval guard holds', () => {
  it('refuses conversation and visit dates before the application arrived', async () => {
    const id = await newCase('besokshjem');
    await walkTo(id, ['in_review', 'conversation_scheduled']);
    const conversation = await fill(id, { conversation_held_on: '1900-01-01' });
    expect(conversation.error?.code).toBe('23514');
    const visit = await fill(id, { home_visit_held_on: addMonths(today(), -1) });
    expect(visit.error?.code).toBe('23514');
  });

  it('refuses a supervisor with no conversation on record', async () => {
    const id = await newCase('tilsynsperson');
    await walkTo(id, ['in_review', 'conversation_scheduled']);
    expect((await fill(id, { certificate_issued_on: today() })).error).toBeNull();
    const approval = await move(coordinator, id, 'approved');
    expect(approval.error?.code).toBe('23514');
    expect(approval.error?.message).toMatch(/Samtalen er ikke registrert/);
    expect(JSON.parse(approval.error?.details ?? '[]')).toEqual([
      'Samtalen er ikke registrert som gjennomført.',
    ]);
  });

  /** A visit home ready for approval: verified certificate, conversation and visit today. */
  async function ready(): Promise<string> {
    const id = await newCase('besokshjem');
    await walkTo(id, ['in_review', 'conversation_scheduled']);
    const filled = await fill(id, {
      certificate_issued_on: today(),
      conversation_held_on: today(),
      home_visit_held_on: today(),
    });
    expect(filled.error).toBeNull();
    await walkTo(id, ['home_visit']);
    return id;
  }

  async function session(who: string): Promise<pg.Client> {
    const db = new pg.Client({ connectionString: stack().dbUrl });
    await db.connect();
    await beginAsCoordinator(db, who);
    return db;
  }

  const outcome = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (error: { code?: string }) => error.code ?? 'error',
    );

  it.each([
    ['the certificate is cleared first', 'clear'],
    ['the approval comes first', 'approve'],
  ])('two coordinators at once, %s: never approved without a certificate', async (_, first) => {
    const id = await ready();
    const clearing = await session(ids.colleague);
    const approving = await session(ids.coordinator);
    try {
      const clear = () =>
        outcome(
          clearing.query(
            'update public.application_checklists set certificate_issued_on = null where application_id = $1',
            [id],
          ),
        );
      const approve = () =>
        outcome(
          approving.query(`update public.applications set status = 'approved' where id = $1`, [id]),
        );
      let results: string[];
      if (first === 'clear') {
        const cleared = await clear();
        const approval = approve(); // must wait for the clearing transaction
        await new Promise((r) => setTimeout(r, 200));
        await clearing.query('commit');
        results = [cleared, await approval];
        await approving.query(results[1] === 'ok' ? 'commit' : 'rollback');
      } else {
        const approved = await approve();
        const clearance = clear(); // must wait for the approving transaction
        await new Promise((r) => setTimeout(r, 200));
        await approving.query('commit');
        results = [await clearance, approved];
        await clearing.query(results[0] === 'ok' ? 'commit' : 'rollback');
      }
      const final = await sql<{ status: string; certificate_issued_on: Date | null }>(
        `select a.status, c.certificate_issued_on from public.applications a
           join public.application_checklists c on c.application_id = a.id where a.id = $1`,
        [id],
      );
      expect(results).toEqual(first === 'clear' ? ['ok', '23514'] : ['23514', 'ok']);
      expect(final[0]?.status === 'approved' && final[0].certificate_issued_on === null).toBe(
        false,
      );
    } finally {
      await clearing.end();
      await approving.end();
    }
  });
});

describe('finding 6: audit and privilege gaps', () => {
  it('changes to the coordinator list and the settings are audited, names left out', async () => {
    const newcomer = randomUUID();
    await sql(
      `insert into auth.users (id, email, aud, role) values ($1::uuid, $1::text || '@test.invalid', 'authenticated', 'authenticated')`,
      [newcomer],
    );
    expect(
      (await lead.from('coordinators').insert({ user_id: newcomer, name: 'Ny Navnesen' })).error,
    ).toBeNull();
    expect(
      (
        await lead
          .from('coordinators')
          .update({ role: 'lead', name: 'Ny Navnesen-Berg' })
          .eq('user_id', newcomer)
      ).error,
    ).toBeNull();
    await sql('update public.screening_settings set retention_months = retention_months');
    await sql('update public.screening_settings set retention_months = 7');
    await sql('update public.screening_settings set retention_months = 6');
    const rows = await sql<{
      table_name: string;
      action: string;
      actor_id: string | null;
      changes: unknown;
    }>(
      `select table_name, action, actor_id, changes from public.audit_log
        where (table_name = 'coordinators' and row_key = $1) or table_name = 'screening_settings'
        order by id`,
      [newcomer],
    );
    expect(rows.map((r) => [r.table_name, r.action, r.actor_id])).toEqual([
      ['coordinators', 'insert', ids.lead],
      ['coordinators', 'update', ids.lead],
      ['screening_settings', 'update', null],
      ['screening_settings', 'update', null],
    ]);
    expect(rows[1]?.changes).toEqual({
      role: { old: 'coordinator', new: 'lead' },
      name: { changed: true },
    });
    expect(JSON.stringify(rows)).not.toContain('Navnesen');
    expect(rows[2]?.changes).toEqual({ retention_months: { old: 6, new: 7 } });
  });

  it('no API role may use a sequence', async () => {
    const rights = await sql<{ role: string; seq: string }>(
      `select r.rolname as role, s.relname as seq from pg_class s cross join pg_roles r
        where s.relkind = 'S' and s.relnamespace = 'public'::regnamespace
          and r.rolname in ('anon', 'authenticated', 'service_role')
          and (has_sequence_privilege(r.oid, s.oid, 'usage') or has_sequence_privilege(r.oid, s.oid, 'update'))`,
    );
    expect(rights).toEqual([]);
    // Coordinators still write notes (identity columns need no sequence right).
    const id = await newCase('tilsynsperson');
    expect(
      (await coordinator.from('application_notes').insert({ application_id: id, body: 'Ringte.' }))
        .error,
    ).toBeNull();
  });

  it('a lead erases an application on request, leaving one audit row without personal data', async () => {
    const name = `Slett${randomUUID().slice(0, 6)} Meg`;
    const id = await newCase('besokshjem', { full_name: name });
    await walkTo(id, ['in_review']);
    expect(
      (
        await coordinator
          .from('application_notes')
          .insert({ application_id: id, body: `Notat om ${name}` })
      ).error,
    ).toBeNull();

    const refused = await coordinator.rpc('erase_application', { application_id: id });
    expect(refused.error?.code).toBe('42501');
    const refusedService = await service().rpc('erase_application', { application_id: id });
    expect(refusedService.error).not.toBeNull();

    const erased = await lead.rpc('erase_application', { application_id: id });
    expect(erased.error).toBeNull();
    const left = await sql<{ n: string }>(
      `select (select count(*) from public.applications where id = $1)
            + (select count(*) from public.application_checklists where application_id = $1)
            + (select count(*) from public.application_notes where application_id = $1)
            + (select count(*) from public.outbox_messages where application_id = $1)
            + (select count(*) from public.audit_log where application_id = $1) as n`,
      [id],
    );
    expect(left[0]?.n).toBe('0');
    const summary = await sql<{
      actor_id: string;
      changes: unknown;
      application_id: string | null;
    }>(
      `select actor_id, changes, application_id from public.audit_log where action = 'erasure' order by id desc limit 1`,
    );
    expect(summary[0]?.actor_id).toBe(ids.lead);
    expect(summary[0]?.application_id).toBeNull();
    expect(JSON.stringify(summary)).not.toContain(id);
    expect(JSON.stringify(summary)).not.toContain(name);
  });
});

describe('finding 7: a resend stores one application', () => {
  it('a resend whose certificate has since aged (after midnight) returns the first receipt', async () => {
    const payload = applicationPayload('tilsynsperson', {
      certificate_status: 'har',
      certificate_issued_on: addMonths(today(), -3),
    });
    const first = await submit(payload);
    expect(first.error).toBeNull();
    // The same submission, judged a day later: the date is now one day too old.
    const older = new Date(`${addMonths(today(), -3)}T12:00:00Z`);
    older.setUTCDate(older.getUTCDate() - 1);
    const again = await submit({
      ...payload,
      certificate_issued_on: older.toISOString().slice(0, 10),
    });
    expect(again.error).toBeNull();
    expect(again.data).toBe(first.data);
    expect(await stored(payload['submission_id'])).toBe(1);
    const receipt = await service().rpc('application_receipt', {
      submission_id: payload['submission_id'] as string,
    });
    expect(receipt.data).toBe(first.data);
    expect(
      (
        await anon().rpc('application_receipt', {
          submission_id: payload['submission_id'] as string,
        })
      ).error?.code,
    ).toBe('42501');
  });

  it('a date the database judges too old or in the future says which, for the date field', async () => {
    const tooOld = new Date(`${addMonths(today(), -3)}T12:00:00Z`);
    tooOld.setUTCDate(tooOld.getUTCDate() - 1);
    const tomorrow = new Date(`${today()}T12:00:00Z`);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    for (const [date, hint] of [
      [tooOld.toISOString().slice(0, 10), 'too_old'],
      [tomorrow.toISOString().slice(0, 10), 'future'],
    ]) {
      const { error } = await submit(
        applicationPayload('besokshjem', {
          certificate_status: 'har',
          certificate_issued_on: date,
        }),
      );
      expect(error?.message).toBe('invalid field: certificate_issued_on');
      expect(error?.hint).toBe(hint);
    }
  });
});
