// Min søknad (issue 25), what the applicant changes: contact details (the form's rules, open cases
// only), a new e-mail address confirmed at that address, withdrawal (the workflow's rules, audit
// actor applicant, "trukket av søkeren" in the lead's numbers) and the erasure request (seen in the
// queue). Every function refuses another applicant's reference, a dead session and every role but
// the server key. Straight through PostgREST with supabase-js; arranging and checking as the owner.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { anon, service, sql } from '../support/db.ts';
import { applicantCase, page, type PageApplication } from '../support/db-applicant.ts';
import { linkRoles, madeUpToken, type LinkRoles } from '../support/db-links.ts';
import { move, newCase, statusOf } from '../support/screening.ts';

let roles: LinkRoles;
beforeAll(async () => {
  roles = await linkRoles();
});

const call = (fn: string, args: Record<string, unknown>) =>
  service().rpc(fn as never, args as never);

const mine = async (session: string, reference: string): Promise<PageApplication | undefined> =>
  (await page(session)).applications?.find((a) => a.reference === reference);

const row = async (id: string) =>
  (
    await sql<{
      phone: string;
      call_time: string;
      email: string;
      status: string;
      withdrawn_by_applicant: boolean;
      status_changed_by: string | null;
      erasure_requested_at: Date | null;
    }>(
      `select phone, call_time, email, status, withdrawn_by_applicant, status_changed_by,
              erasure_requested_at from public.applications where id = $1`,
      [id],
    )
  )[0];

const auditOf = (id: string) =>
  sql<{
    actor_role: string;
    actor_id: string | null;
    action: string;
    changes: Record<string, unknown>;
  }>(
    `select actor_role, actor_id, action, changes from public.audit_log
      where application_id = $1 and table_name = 'applications' and action <> 'insert' order by id`,
    [id],
  );

/** Each change function with arguments for `reference`. */
const changes = (reference: string): [string, Record<string, unknown>][] => [
  ['applicant_update_contact', { reference, changes: { phone: '91234567' } }],
  ['applicant_change_email', { reference, new_email: `ny.${randomUUID().slice(0, 8)}@example.no` }],
  ['applicant_withdraw', { reference }],
  ['applicant_request_erasure', { reference }],
];

describe('who may change what', () => {
  it("every change of another applicant's case, or of an unknown reference, is not_found and stores nothing", async () => {
    const me = await applicantCase();
    const other = await applicantCase();
    const before = await row(other.id);
    for (const [fn, args] of [...changes(other.reference), ...changes('BH-2222-2222')]) {
      const { data, error } = await call(fn, { session: me.session, ...args });
      expect(error).toBeNull();
      expect(data).toEqual({ state: 'not_found' });
    }
    expect(await row(other.id)).toEqual(before);
    expect(await auditOf(other.id)).toEqual([]);
  });

  it('a dead session changes nothing', async () => {
    const me = await applicantCase();
    await call('end_applicant_session', { session: me.session });
    for (const session of [me.session, madeUpToken(), '']) {
      for (const [fn, args] of changes(me.reference)) {
        const { data } = await call(fn, { session, ...args });
        expect(data).toEqual({ state: 'signed_out' });
      }
    }
    expect((await row(me.id))?.status).toBe('received');
    expect(await auditOf(me.id)).toEqual([]);
  });

  it('anon, a coordinator and a lead may call none of them', async () => {
    const me = await applicantCase();
    const calls: [string, Record<string, unknown>][] = [
      ...changes(me.reference).map(
        ([fn, args]) => [fn, { session: me.session, ...args }] as [string, Record<string, unknown>],
      ),
      ['confirm_email_change', { token: madeUpToken() }],
      ['end_applicant_session', { session: me.session }],
    ];
    for (const caller of [anon(), roles.coordinator, roles.lead]) {
      for (const [fn, args] of calls) {
        const { data, error } = await caller.rpc(fn as never, args as never);
        expect(data).toBeNull();
        expect(error?.code).toBe('42501');
      }
    }
    expect((await row(me.id))?.status).toBe('received');
    expect((await page(me.session)).state).toBe('open');
  });
});

describe('contact details', () => {
  it('saves phone and call time with the form rules, logged as the applicant without values', async () => {
    const me = await applicantCase();
    const { data, error } = await call('applicant_update_contact', {
      session: me.session,
      reference: me.reference,
      changes: { phone: '98765432', call_time: 'ettermiddag' },
    });
    expect(error).toBeNull();
    expect(data).toEqual({ state: 'saved' });
    expect(await row(me.id)).toMatchObject({ phone: '98765432', call_time: 'ettermiddag' });
    const audit = await auditOf(me.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_role: 'applicant',
      actor_id: null,
      changes: { phone: { changed: true }, call_time: { changed: true } },
    });
    expect(JSON.stringify(audit)).not.toContain('98765432');
  });

  it('refuses a bad value or an unknown field with its name, storing nothing', async () => {
    const me = await applicantCase();
    const before = await row(me.id);
    for (const [changes, field] of [
      [{ phone: '123' }, 'phone'],
      [{ call_time: 'natt' }, 'call_time'],
      [{ postcode: '12a4' }, 'postcode'],
      [{ street_address: '' }, 'street_address'],
      [{ postal_place: 'x'.repeat(61) }, 'postal_place'],
      [{ phone: '98765432', email: 'a@example.no' }, 'changes'],
      [{ status: 'withdrawn' }, 'changes'],
      [{}, 'changes'],
    ] as const) {
      const { error } = await call('applicant_update_contact', {
        session: me.session,
        reference: me.reference,
        changes,
      });
      expect(error?.code).toBe('22023');
      expect(error?.message).toBe(`invalid field: ${field}`);
    }
    expect(await row(me.id)).toEqual(before);
  });

  it('an ended case is closed', async () => {
    const me = await applicantCase();
    await call('applicant_withdraw', { session: me.session, reference: me.reference });
    const { data } = await call('applicant_update_contact', {
      session: me.session,
      reference: me.reference,
      changes: { phone: '98765432' },
    });
    expect(data).toEqual({ state: 'closed' });
  });
});

describe('a new e-mail address', () => {
  it("waits for confirmation at the new address, then becomes the case's, once", async () => {
    const me = await applicantCase();
    const fresh = `Ny.${randomUUID().slice(0, 8)}@example.no`;
    const { data } = await call('applicant_change_email', {
      session: me.session,
      reference: me.reference,
      new_email: fresh,
    });
    expect(data).toEqual({ state: 'pending' });
    expect((await row(me.id))?.email).toBe(me.email);
    expect((await mine(me.session, me.reference))?.email_change_pending).toBe(true);

    // The sender claims the confirmation: to the new address, with a 24-hour token.
    await sql(
      `update public.outbox_messages set next_attempt_at = '2000-01-01'
        where application_id = $1 and template = 'applicant_email_confirm'`,
      [me.id],
    );
    const claim = await service().rpc('claim_outbox_messages', { batch: 1 });
    expect(claim.error).toBeNull();
    const claimed = claim.data?.[0];
    expect(claimed).toMatchObject({
      template: 'applicant_email_confirm',
      recipient: 'applicant',
      to_address: fresh,
      recipient_name: 'Kari',
    });
    const token = claimed?.link_token ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    expect((await call('confirm_email_change', { token: madeUpToken() })).data).toEqual({
      state: 'unknown',
    });
    expect((await call('confirm_email_change', { token })).data).toEqual({ state: 'confirmed' });
    expect((await call('confirm_email_change', { token })).data).toEqual({ state: 'used' });
    expect((await row(me.id))?.email).toBe(fresh);
    const audit = await auditOf(me.id);
    expect(audit.at(-1)).toMatchObject({
      actor_role: 'applicant',
      changes: { email: { changed: true } },
    });
    // The session follows its application to the new address.
    expect((await mine(me.session, me.reference))?.email_change_pending).toBe(false);
  });

  it('an expired confirmation changes nothing; text that is no address is refused', async () => {
    const me = await applicantCase();
    await call('applicant_change_email', {
      session: me.session,
      reference: me.reference,
      new_email: `ny.${randomUUID().slice(0, 8)}@example.no`,
    });
    const [change] = await sql<{ id: string }>(
      'select id from private.email_changes where application_id = $1',
      [me.id],
    );
    const [issued] = await sql<{ token: string }>(
      "select private.issue_link_token($1, 'email_change', $2) as token",
      [me.id, change?.id],
    );
    await sql(
      `update private.link_tokens set expires_at = now() - interval '1 second'
        where token_hash = private.link_token_hash($1)`,
      [issued?.token],
    );
    expect((await call('confirm_email_change', { token: issued?.token })).data).toEqual({
      state: 'expired',
    });
    expect((await row(me.id))?.email).toBe(me.email);

    const bad = await call('applicant_change_email', {
      session: me.session,
      reference: me.reference,
      new_email: 'ikke en adresse',
    });
    expect(bad.error?.message).toBe('invalid field: email');
  });
});

describe('withdrawal by the applicant', () => {
  it("withdraws an open case, marked as the applicant's, logged with actor applicant, without a status e-mail", async () => {
    const me = await applicantCase();
    expect((await move(roles.coordinator, me.id, 'in_review')).error).toBeNull();
    const { data, error } = await call('applicant_withdraw', {
      session: me.session,
      reference: me.reference,
    });
    expect(error).toBeNull();
    expect(data).toEqual({ state: 'withdrawn' });
    expect(await row(me.id)).toMatchObject({
      status: 'withdrawn',
      withdrawn_by_applicant: true,
      status_changed_by: null,
    });
    const change = (await auditOf(me.id)).find(
      (a) => a.action === 'status_change' && a.actor_role === 'applicant',
    );
    expect(change?.changes).toMatchObject({
      status: { old: 'in_review', new: 'withdrawn' },
      withdrawn_by_applicant: { old: false, new: true },
    });
    const emails = await sql(
      "select 1 from public.outbox_messages where application_id = $1 and template like 'status%'",
      [me.id],
    );
    expect(emails).toEqual([]);
    expect((await mine(me.session, me.reference))?.status).toBe('withdrawn');
    // Ended: a second withdrawal is closed and changes nothing.
    expect(
      (await call('applicant_withdraw', { session: me.session, reference: me.reference })).data,
    ).toEqual({
      state: 'closed',
    });
  });

  it('a coordinator cannot set the mark, nor can the server key outside the function', async () => {
    const id = await newCase('besokshjem');
    const { error } = await roles.coordinator
      .from('applications')
      .update({ status: 'withdrawn', withdrawn_by_applicant: true } as never)
      .eq('id', id);
    expect(error).not.toBeNull();
    expect(await statusOf(id)).toBe('received');
    // Even the owner without the applicant's transaction is refused by the workflow trigger.
    await expect(
      sql(
        "update public.applications set status = 'withdrawn', withdrawn_by_applicant = true where id = $1",
        [id],
      ),
    ).rejects.toThrow(/Bare søkeren selv/);
  });

  it("the lead's numbers count it as withdrawn by the applicant, and a coordinator's as by the service", async () => {
    const month = '2001-05-01';
    const [byApplicant, byService] = [
      await applicantCase('tilsynsperson'),
      await applicantCase('tilsynsperson'),
    ];
    for (const c of [byApplicant, byService])
      await sql(
        `update public.applications set received_at = '2001-05-07T10:00:00+02:00', certificate_status = 'bestiller',
           certificate_issued_on = null where id = $1`,
        [c.id],
      );
    await call('applicant_withdraw', {
      session: byApplicant.session,
      reference: byApplicant.reference,
    });
    expect((await move(roles.coordinator, byService.id, 'withdrawn')).error).toBeNull();
    const [figures] = await sql<{ withdrawn_by_applicant: number; withdrawn_by_service: number }>(
      `select withdrawn_by_applicant, withdrawn_by_service from private.monthly_figures
        where month = $1 and kind = 'tilsynsperson'`,
      [month],
    );
    expect(figures).toEqual({ withdrawn_by_applicant: 1, withdrawn_by_service: 1 });
  });
});

describe('the erasure request', () => {
  it('is recorded once, shown in the queue, logged as the applicant', async () => {
    const me = await applicantCase();
    const first = (
      await call('applicant_request_erasure', { session: me.session, reference: me.reference })
    ).data as unknown as { state: string; erasure_requested_at: string };
    expect(first.state).toBe('requested');
    const again = (
      await call('applicant_request_erasure', { session: me.session, reference: me.reference })
    ).data as unknown as { erasure_requested_at: string };
    expect(again.erasure_requested_at).toBe(first.erasure_requested_at);
    const queue = await roles.coordinator
      .from('screening_queue')
      .select('reference, erasure_requested_at')
      .eq('reference', me.reference);
    expect(queue.error).toBeNull();
    expect(queue.data?.[0]?.erasure_requested_at).not.toBeNull();
    const audit = await auditOf(me.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_role).toBe('applicant');
    expect((await mine(me.session, me.reference))?.erasure_requested_at).not.toBeNull();
  });
});
