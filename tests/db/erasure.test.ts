// Erasure on request: only a lead may erase an application (public.erase_application), which takes
// its checklist, notes, messages and history with it and leaves one audit row without personal
// data.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addUser, service, sql } from '../support/db.ts';
import { newCase, walk, type Db } from '../support/screening.ts';

const ids = { coordinator: randomUUID(), lead: randomUUID() };
let coordinator: Db;
let lead: Db;

beforeAll(async () => {
  coordinator = await addUser(ids.coordinator, { name: 'Siste Linje' });
  lead = await addUser(ids.lead, { name: 'Leder Linje', role: 'lead' });
});

describe('erasing an application on request', () => {
  it('a lead erases an application on request, leaving one audit row without personal data', async () => {
    const name = `Slett${randomUUID().slice(0, 6)} Meg`;
    const id = await newCase('besokshjem', { full_name: name });
    await walk(coordinator, id, 'besokshjem', 'in_review');
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
