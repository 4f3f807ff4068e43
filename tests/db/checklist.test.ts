// The checklist of each application: made with it, and what it refuses when a coordinator fills
// it in (dates in the future or before the application arrived, a home visit for a supervisor, a
// partner's certificate for one applicant), and who verified a certificate, recorded by the
// database, not by hand. Straight through PostgREST as a coordinator.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../src/lib/dates.ts';
import { addUser, sql } from '../support/db.ts';
import {
  addDays,
  approvalMissing,
  fill,
  jointCase,
  newCase,
  pinToday,
  today,
  walk,
  type Db,
} from '../support/screening.ts';

const ids = { coordinator: randomUUID(), colleague: randomUUID() };
let coordinator: Db;

beforeAll(async () => {
  coordinator = await addUser(ids.coordinator, { name: 'Test Koordinator' });
  await addUser(ids.colleague, { name: 'Test Kollega' });
});

afterEach(() => pinToday(null));

describe('the checklist', () => {
  it('the public site still submits, and every application gets a checklist', async () => {
    const id = await newCase('tilsynsperson');
    const rows = await sql(
      'select 1 from public.application_checklists where application_id = $1',
      [id],
    );
    expect(rows).toHaveLength(1);
  });

  it('refuses conversation and visit dates before the application arrived', async () => {
    const id = await newCase('besokshjem');
    await walk(coordinator, id, 'besokshjem', 'conversation_scheduled');
    const conversation = await fill(coordinator, id, { conversation_held_on: '1900-01-01' });
    expect(conversation.error?.code).toBe('23514');
    const visit = await fill(coordinator, id, { home_visit_held_on: addMonths(today(), -1) });
    expect(visit.error?.code).toBe('23514');
  });

  it('refuses a certificate dated in the future, and records who verified it', async () => {
    const id = await newCase('tilsynsperson');
    const future = await coordinator
      .from('application_checklists')
      .update({ certificate_issued_on: addDays(today(), 1) })
      .eq('application_id', id);
    expect(future.error?.message).toMatch(/fram i tid/);
    const now = await coordinator
      .from('application_checklists')
      .update({ certificate_issued_on: today() })
      .eq('application_id', id)
      .select('certificate_verified_by, certificate_verified_at');
    expect(now.error).toBeNull();
    expect(now.data?.[0]?.certificate_verified_by).toBe(ids.coordinator);
    expect(now.data?.[0]?.certificate_verified_at).toBeTruthy();
  });

  it('refuses a home visit for a supervisor', async () => {
    const id = await newCase('tilsynsperson');
    const { error } = await coordinator
      .from('application_checklists')
      .update({ home_visit_held_on: today() })
      .eq('application_id', id);
    expect(error?.message).toMatch(/bare for besøkshjem/);
  });
});

describe("the partner's police certificate on the checklist, when two apply together", () => {
  it('the checklist refuses a date in the future, and any date for one applicant', async () => {
    const joint = await jointCase(coordinator, today());
    const future = await coordinator
      .from('application_checklists')
      .update({ partner_certificate_issued_on: addDays(today(), 1) })
      .eq('application_id', joint);
    expect(future.error?.message).toMatch(
      /Medsøkerens politiattest kan ikke være utstedt fram i tid/,
    );

    for (const alone of [await newCase('besokshjem'), await newCase('tilsynsperson')]) {
      const { error } = await coordinator
        .from('application_checklists')
        .update({ partner_certificate_issued_on: today() })
        .eq('application_id', alone);
      expect(error?.message).toMatch(/bare når to søker sammen/);
    }
  });

  it('who and when cannot be written by hand, and clearing the date clears them', async () => {
    const id = await jointCase(coordinator, today());
    const byHand = await coordinator
      .from('application_checklists')
      .update({ partner_certificate_verified_by: ids.colleague } as never)
      .eq('application_id', id);
    expect(byHand.error?.code).toBe('42501');
    await coordinator
      .from('application_checklists')
      .update({ partner_certificate_issued_on: today() })
      .eq('application_id', id);
    const cleared = await coordinator
      .from('application_checklists')
      .update({ partner_certificate_issued_on: null })
      .eq('application_id', id)
      .select('partner_certificate_verified_by, partner_certificate_verified_at');
    expect(cleared.data?.[0]).toEqual({
      partner_certificate_verified_by: null,
      partner_certificate_verified_at: null,
    });
    expect(await approvalMissing(coordinator, id)).toContain(
      'Ingen koordinator har kontrollert politiattesten til medsøkeren.',
    );
  });
});
