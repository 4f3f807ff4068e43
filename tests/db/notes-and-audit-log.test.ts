// Notes and the audit log: every change to a case, its checklist and notes, the coordinator list
// and the settings is logged with who made it and personal values left out, and neither notes nor
// log rows can be changed or deleted afterwards.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addUser, sql } from '../support/db.ts';
import { jointCase, move, newCase, pinToday, today, type Db } from '../support/screening.ts';

const ids = { coordinator: randomUUID(), lead: randomUUID() };
let coordinator: Db;
let lead: Db;

beforeAll(async () => {
  coordinator = await addUser(ids.coordinator, { name: 'Test Koordinator' });
  lead = await addUser(ids.lead, { name: 'Leder Linje', role: 'lead' });
});

afterEach(() => pinToday(null));

describe('notes and the audit log', () => {
  it('writes an audit row for every change, with personal values left out', async () => {
    const id = await newCase('besokshjem');
    await move(coordinator, id, 'in_review');
    await coordinator
      .from('application_checklists')
      .update({ certificate_issued_on: today() })
      .eq('application_id', id);
    const note = await coordinator
      .from('application_notes')
      .insert({ application_id: id, body: 'Ringte Kari, avtalte samtale.', is_contact: true })
      .select('author_id');
    expect(note.error).toBeNull();
    expect(note.data?.[0]?.author_id).toBe(ids.coordinator);

    const log = await coordinator
      .from('audit_log')
      .select('*')
      .eq('application_id', id)
      .order('id');
    expect(log.error).toBeNull();
    const rows = log.data ?? [];
    expect(rows.map((r) => [r.table_name, r.action, r.actor_role])).toEqual([
      ['applications', 'insert', 'service_role'],
      ['application_checklists', 'insert', 'service_role'],
      ['applications', 'status_change', 'authenticated'],
      ['application_checklists', 'update', 'authenticated'],
      ['application_notes', 'insert', 'authenticated'],
      ['application_checklists', 'update', 'authenticated'],
    ]);
    const changes = rows.map((r) => r.changes as Record<string, unknown>);
    expect(changes[0]?.['full_name']).toEqual({ changed: true });
    expect(changes[0]?.['kind']).toEqual({ old: null, new: 'besokshjem' });
    expect(changes[2]?.['status']).toEqual({ old: 'received', new: 'in_review' });
    expect(changes[3]?.['certificate_issued_on']).toEqual({ old: null, new: today() });
    expect(changes[4]?.['body']).toEqual({ changed: true });
    expect(rows[2]?.actor_id).toBe(ids.coordinator);
    const text = JSON.stringify(rows);
    for (const personal of ['Kari Testesen', 'kari.testesen', '91234567', 'Ringte']) {
      expect(text).not.toContain(personal);
    }
  });

  it('audit rows and notes cannot be updated or deleted, through the API or in SQL', async () => {
    const id = await newCase('tilsynsperson');
    await coordinator.from('application_notes').insert({ application_id: id, body: 'Notat' });
    const auditUpdate = await coordinator
      .from('audit_log')
      .update({ action: 'update' } as never)
      .eq('application_id', id);
    expect(auditUpdate.error?.code).toBe('42501');
    const auditDelete = await coordinator.from('audit_log').delete().eq('application_id', id);
    expect(auditDelete.error?.code).toBe('42501');
    const noteUpdate = await coordinator
      .from('application_notes')
      .update({ body: 'Endret' } as never)
      .eq('application_id', id);
    expect(noteUpdate.error?.code).toBe('42501');
    const noteDelete = await coordinator
      .from('application_notes')
      .delete()
      .eq('application_id', id);
    expect(noteDelete.error?.code).toBe('42501');

    for (const statement of [
      `update public.audit_log set actor_role = 'x' where application_id = '${id}'`,
      `delete from public.audit_log where application_id = '${id}'`,
      'truncate public.audit_log',
      `update public.application_notes set body = 'x' where application_id = '${id}'`,
      `delete from public.application_notes where application_id = '${id}'`,
    ]) {
      const error = await sql(statement).catch((e: Error) => e);
      expect(error, statement).toBeInstanceOf(Error);
    }
    const [counts] = await sql<{ audit: number; notes: number }>(
      `select (select count(*)::int from public.audit_log where application_id = $1) as audit,
              (select count(*)::int from public.application_notes where application_id = $1) as notes`,
      [id],
    );
    expect(counts).toEqual({ audit: 3, notes: 1 });
  });

  it("the audit log records the certificate's date and who checked it, never the partner's details", async () => {
    const id = await jointCase(coordinator, today());
    await coordinator
      .from('application_checklists')
      .update({ partner_certificate_issued_on: today() })
      .eq('application_id', id);
    const { data, error } = await coordinator
      .from('audit_log')
      .select('table_name, action, changes')
      .eq('application_id', id)
      .order('id');
    expect(error).toBeNull();
    const last = data?.at(-1);
    expect(last?.table_name).toBe('application_checklists');
    expect((last?.changes as Record<string, unknown>)['partner_certificate_issued_on']).toEqual({
      old: null,
      new: today(),
    });
    expect((last?.changes as Record<string, unknown>)['partner_certificate_verified_by']).toEqual({
      old: null,
      new: ids.coordinator,
    });
    const inserted = data?.find(
      (row) => row.table_name === 'applications' && row.action === 'insert',
    );
    for (const column of ['applying_with', 'partner_name', 'partner_phone', 'partner_email'])
      expect((inserted?.changes as Record<string, unknown>)[column]).toEqual({ changed: true });
    const text = JSON.stringify(data);
    for (const personal of ['Ola Testesen', '98765432', 'ola.testesen'])
      expect(text).not.toContain(personal);
  });
});

describe('changes to the coordinator list and the settings are in the audit log', () => {
  it('changes to the coordinator list and the settings are audited, names left out', async () => {
    const newcomer = randomUUID();
    await addUser(newcomer);
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

  it('a lead adds, changes and deactivates; each change is logged with who; nobody else can', async () => {
    const lead = randomUUID();
    const member = randomUUID();
    const asLead = await addUser(lead, { name: 'Logg Leder', role: 'lead' });
    await addUser(member);
    expect(
      (await asLead.from('coordinators').insert({ user_id: member, name: 'Logg Ny' })).error,
    ).toBeNull();
    expect(
      (await asLead.from('coordinators').update({ role: 'lead' }).eq('user_id', member)).error,
    ).toBeNull();
    expect(
      (await asLead.from('coordinators').update({ active: false }).eq('user_id', member)).error,
    ).toBeNull();
    // A coordinator who does not lead changes nothing, so nothing is logged for them.
    await coordinator.from('coordinators').update({ active: true }).eq('user_id', member);
    const rows = await sql<{ actor_id: string; action: string; changes: unknown }>(
      `select actor_id, action, changes from public.audit_log where table_name = 'coordinators' and row_key = $1 order by id`,
      [member],
    );
    expect(rows).toEqual([
      {
        actor_id: lead,
        action: 'insert',
        // The name is personal data: logged only as changed.
        changes: expect.objectContaining({
          name: { changed: true },
          role: { old: null, new: 'coordinator' },
          active: { old: null, new: true },
        }),
      },
      { actor_id: lead, action: 'update', changes: { role: { old: 'coordinator', new: 'lead' } } },
      { actor_id: lead, action: 'update', changes: { active: { old: true, new: false } } },
    ]);
    const visible = await coordinator
      .from('audit_log')
      .select('row_key')
      .eq('table_name', 'coordinators')
      .eq('row_key', member);
    expect(visible.data?.length).toBe(3);
  });
});
