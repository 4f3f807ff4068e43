// What each role may and may not do, straight through PostgREST with supabase-js: anon (the public
// key), a signed-in user who is not a coordinator, a deactivated coordinator, a coordinator, a
// lead, and service_role (the site's server key). Arranging and checking use a superuser
// connection.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  anon,
  client,
  rpcStatus,
  service,
  sql,
  stack,
  storeApplication,
} from '../support/db.ts';
import { applicationPayload } from '../support/payloads.ts';
import { move, newCase, referenceOf, statusOf, today, type Db } from '../support/screening.ts';

const ids = {
  coordinator: randomUUID(),
  lead: randomUUID(),
  inactive: randomUUID(),
  stranger: randomUUID(),
};
let coordinator: Db;
let lead: Db;
let inactive: Db;
let stranger: Db;

beforeAll(async () => {
  coordinator = await addUser(ids.coordinator, { name: 'Test Koordinator' });
  lead = await addUser(ids.lead, { name: 'Test Leder', role: 'lead' });
  inactive = await addUser(ids.inactive, { name: 'Test Sluttet', active: false });
  stranger = await addUser(ids.stranger);
});

describe('anon, a signed-in user who is not a coordinator, and a deactivated coordinator', () => {
  it.each([
    ['a signed-in user who is not a coordinator', () => stranger],
    ['an inactive coordinator', () => inactive],
    ['anon', () => anon()],
  ])('%s sees and changes nothing', async (_, who) => {
    const id = await newCase('tilsynsperson');
    const as = who();
    for (const table of [
      'applications',
      'application_checklists',
      'application_notes',
      'audit_log',
      'coordinators',
      'screening_queue',
      'screening_settings',
    ] as const) {
      // Permission denied, or (on a table with no rows yet) simply nothing.
      const read = await as.from(table as 'applications').select('*');
      expect(read.data ?? [], table).toEqual([]);
      if (read.error) expect(read.error.code, table).toBe('42501');
    }
    // Applications has rows, so the answer is a clear permission error, as for anon.
    expect((await as.from('applications').select('id')).error?.code).toBe('42501');
    const update = await move(as, id, 'in_review');
    expect(update.data ?? []).toEqual([]);
    expect(update.error?.code).toBe('42501');
    const checklist = await as
      .from('application_checklists')
      .update({ references_checked: true })
      .eq('application_id', id);
    expect(checklist.error?.code).toBe('42501');
    const note = await as.from('application_notes').insert({ application_id: id, body: 'Hei' });
    expect(note.error?.code).toBe('42501');
    const coordinators = await as
      .from('coordinators')
      .update({ active: true })
      .eq('user_id', ids.inactive);
    expect(coordinators.error?.code).toBe('42501');

    expect(await statusOf(id)).toBe('received');
    const [state] = await sql<{ checked: boolean; notes: number; active: boolean }>(
      `select c.references_checked as checked,
              (select count(*)::int from public.application_notes n where n.application_id = $1) as notes,
              (select active from public.coordinators where user_id = $2) as active
         from public.application_checklists c where c.application_id = $1`,
      [id, ids.inactive],
    );
    expect(state).toEqual({ checked: false, notes: 0, active: false });
  });

  it('a deactivated coordinator, a signed-in non-coordinator and anon read and change nothing', async () => {
    const id = await newCase('besokshjem');
    for (const as of [inactive, stranger, anon()]) {
      for (const table of [
        'screening_queue',
        'applications',
        'application_checklists',
        'application_notes',
        'audit_log',
        'coordinators',
      ] as const) {
        const { data, error } = await as
          .from(table as 'applications')
          .select('*')
          .limit(1);
        expect(error, table).not.toBeNull();
        expect(data).toBeNull();
      }
      await as.from('applications').update({ status: 'in_review' }).eq('id', id);
      await as.from('applications').update({ assigned_to: ids.coordinator }).eq('id', id);
      await as
        .from('application_checklists')
        .update({ conversation_held_on: today() })
        .eq('application_id', id);
      const note = await as
        .from('application_notes')
        .insert({ application_id: id, body: 'Forsøk' });
      expect(note.error).not.toBeNull();
      const added = await as
        .from('coordinators')
        .insert({ user_id: ids.stranger, name: 'Inntrenger' });
      expect(added.error).not.toBeNull();
    }
    const [row] = await sql<{
      status: string;
      assigned_to: string | null;
      conversation_held_on: string | null;
      notes: number;
    }>(
      `select a.status, a.assigned_to, c.conversation_held_on,
              (select count(*)::int from public.application_notes n where n.application_id = a.id) as notes
         from public.applications a join public.application_checklists c on c.application_id = a.id
        where a.id = $1`,
      [id],
    );
    expect(row).toEqual({
      status: 'received',
      assigned_to: null,
      conversation_held_on: null,
      notes: 0,
    });
    expect(
      await sql('select 1 from public.coordinators where user_id = $1', [ids.stranger]),
    ).toEqual([]);
  });

  it('the next steps and the queue counts answer nobody but an active coordinator', async () => {
    const reference = await referenceOf(await newCase('besokshjem'));
    const steps = (as: Db) =>
      as.rpc('application_next_steps', { application_reference: reference });
    for (const as of [inactive, stranger]) {
      const { data, error } = await steps(as);
      expect(error?.code).toBe('42501');
      expect(data).toBeNull();
    }
    const { error } = await steps(anon());
    expect(error?.code).toMatch(/^(42501|PGRST202)$/);
    expect((await steps(coordinator)).data?.length).toBeGreaterThan(0);
    // The queue's counts, likewise.
    for (const as of [inactive, stranger]) {
      const counts = await as.rpc('screening_queue_counts', { ended_cap: 99 });
      expect(counts.error?.code).toBe('42501');
      expect(counts.data).toBeNull();
    }
    expect((await anon().rpc('screening_queue_counts', { ended_cap: 99 })).error?.code).toMatch(
      /^(42501|PGRST202)$/,
    );
  });
});

describe('anon (the public key)', () => {
  it('cannot read applications', async () => {
    await storeApplication(applicationPayload('besokshjem'));
    const { data, error } = await anon().from('applications').select('*');
    expect(data ?? []).toEqual([]);
    expect(error?.code).toBe('42501');
  });

  it('cannot insert, update or delete directly', async () => {
    const application = applicationPayload('besokshjem');
    await storeApplication(application);
    const { referees: _, ...columns } = application;
    const insert = await anon()
      .from('applications')
      .insert({ ...columns, reference: 'BH-2222-2222' } as never);
    expect(insert.error?.code).toBe('42501');
    const update = await anon()
      .from('applications')
      .update({ status: 'received' } as never)
      .eq('submission_id', application['submission_id'] as string);
    expect(update.error?.code).toBe('42501');
    const remove = await anon()
      .from('applications')
      .delete()
      .eq('submission_id', application['submission_id'] as string);
    expect(remove.error?.code).toBe('42501');
    const rows = await sql('select 1 from public.applications where submission_id = $1', [
      application['submission_id'],
    ]);
    expect(rows).toHaveLength(1);
  });

  it('a burst as anon straight through PostgREST is refused with 401 and mails nothing', async () => {
    const before = await sql<{ n: string }>('select count(*) as n from public.outbox_messages');
    const statuses = await Promise.all(
      Array.from({ length: 30 }, () =>
        rpcStatus(stack().anonKey, 'submit_application', applicationPayload('tilsynsperson')),
      ),
    );
    expect(new Set(statuses)).toEqual(new Set([401]));
    const after = await sql<{ n: string }>('select count(*) as n from public.outbox_messages');
    expect(after[0]?.n).toBe(before[0]?.n);
  });
});

describe('a signed-in user', () => {
  it('a signed-in user without a coordinator role cannot read or submit', async () => {
    const read = await stranger.from('applications').select('*');
    expect(read.error?.code).toBe('42501');
    const rpc = await stranger.rpc('submit_application', applicationPayload('besokshjem') as never);
    expect(rpc.error?.code).toBe('42501');
  });

  it('a signed-in user may not submit either', async () => {
    const { error } = await coordinator.rpc(
      'submit_application',
      applicationPayload('tilsynsperson') as never,
    );
    expect(error?.code).toBe('42501');
  });
});

describe('a coordinator', () => {
  it('a coordinator changes only status and assignment, never the applicant’s data', async () => {
    const id = await newCase('besokshjem');
    const { error } = await coordinator
      .from('applications')
      .update({ full_name: 'Noen Andre' } as never)
      .eq('id', id);
    expect(error?.code).toBe('42501');
    const remove = await coordinator.from('applications').delete().eq('id', id);
    expect(remove.error?.code).toBe('42501');
    const [row] = await sql<{ full_name: string }>(
      'select full_name from public.applications where id = $1',
      [id],
    );
    expect(row?.full_name).toBe('Kari Testesen');
  });

  it('a coordinator cannot move the clock', async () => {
    const { error } = await coordinator
      .schema('private' as never)
      .from('screening_clock' as never)
      .update({ pinned_today: '2020-01-01' } as never);
    expect(error).not.toBeNull();
    const [clock] = await sql<{ pinned_today: string | null }>(
      'select pinned_today from private.screening_clock',
    );
    expect(clock?.pinned_today).toBeNull();
  });
});

describe('a lead', () => {
  it('only an active lead changes the coordinator list', async () => {
    const byCoordinator = await coordinator
      .from('coordinators')
      .update({ name: 'Nytt Navn' })
      .eq('user_id', ids.inactive);
    expect(byCoordinator.error?.code).toBe('42501');
    const byLead = await lead
      .from('coordinators')
      .update({ name: 'Test Sluttet Igjen' })
      .eq('user_id', ids.inactive)
      .select('name, active');
    expect(byLead.error).toBeNull();
    expect(byLead.data).toEqual([{ name: 'Test Sluttet Igjen', active: false }]);
  });
});

describe('service_role (the site’s server key): in the database it may submit and send, nothing else', () => {
  it('only service_role (the site) may execute the submit function; the table grants no API role anything', async () => {
    const grants = await sql<{ grantee: string; privilege_type: string }>(
      `select grantee, privilege_type from information_schema.role_table_grants
        where table_schema = 'public' and table_name = 'applications'
          and grantee in ('anon', 'authenticated', 'service_role')`,
    );
    expect(grants).toEqual([]);
    const executors = await sql<{ role: string }>(
      `select r.rolname as role from pg_roles r
        where has_function_privilege(r.oid, 'public.submit_application(json)', 'execute')
          and r.rolname in ('anon', 'authenticated', 'service_role', 'public')`,
    );
    expect(executors.map((r) => r.role)).toEqual(['service_role']);
  });

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

  it('the server key (service_role) reads nothing the workspace shows: the guide says so', async () => {
    // docs/screening.md promises only what holds for every role; this pins what service_role can do.
    const reads = {
      applications: service().from('applications').select('id').limit(1),
      screening_queue: service().from('screening_queue').select('id').limit(1),
      coordinators: service().from('coordinators').select('user_id').limit(1),
      audit_log: service().from('audit_log').select('id').limit(1),
    };
    for (const [table, read] of Object.entries(reads)) {
      expect((await read).error?.code, table).toBe('42501');
    }
    const { error } = await service().rpc('application_next_steps', {
      application_reference: 'BH-2222-2222',
    });
    expect(error?.code).toBe('42501');
  });

  it("through Auth's admin API it is everything: it signs in as a lead and reads the applicants", async () => {
    // The README and the guide call the key an administrator's secret for this reason: the
    // database refuses it every table, but Auth's admin API lets it mint a sign-in for anyone.
    const name = `Admin${randomUUID().slice(0, 8)} Søkersen`;
    await storeApplication(applicationPayload('tilsynsperson', { full_name: name }));
    expect((await service().from('applications').select('id').limit(1)).error?.code).toBe('42501');
    const email = `leder-${randomUUID().slice(0, 8)}@eksempel.invalid`;
    const created = await service().auth.admin.createUser({ email, email_confirm: true });
    expect(created.error).toBeNull();
    await sql(
      "insert into public.coordinators (user_id, name, role) values ($1, 'Admin Leder', 'lead')",
      [created.data.user?.id],
    );
    // A sign-in code for that lead, without any mail, and a session from it.
    const link = await service().auth.admin.generateLink({ type: 'magiclink', email });
    expect(link.error).toBeNull();
    const asLead = anon();
    const verified = await asLead.auth.verifyOtp({
      email,
      token: link.data.properties?.email_otp ?? '',
      type: 'email',
    });
    expect(verified.error).toBeNull();
    const { data } = await client(stack().anonKey, verified.data.session?.access_token)
      .from('applications')
      .select('full_name, email, phone')
      .eq('full_name', name);
    expect(data).toEqual([expect.objectContaining({ full_name: name })]);
  });
});

describe('every API role', () => {
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
});
