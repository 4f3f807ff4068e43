// The status e-mails of Min søknad (issue 25): a case moved to a step the applicant should know of
// queues one status_<status> message to the applicant, exactly once per status; in_review and the
// applicant's own withdrawal queue none; the sender gets only the first name and the address. The
// cases move as a coordinator straight through PostgREST.
import { beforeAll, describe, expect, it } from 'vitest';
import { service, sql } from '../support/db.ts';
import { applicantCase } from '../support/db-applicant.ts';
import { linkRoles, type LinkRoles } from '../support/db-links.ts';
import { move, newCase } from '../support/screening.ts';

let roles: LinkRoles;
beforeAll(async () => {
  roles = await linkRoles();
});

const statusEmails = async (id: string) =>
  (
    await sql<{ template: string; recipient: string }>(
      `select template, recipient from public.outbox_messages
        where application_id = $1 and template like 'status%' order by created_at, id`,
      [id],
    )
  ).map((m) => `${m.template}→${m.recipient}`);

describe('status e-mails', () => {
  it('one per step the applicant should know of, none for in_review', async () => {
    const id = await newCase('besokshjem');
    expect((await move(roles.coordinator, id, 'in_review')).error).toBeNull();
    expect(await statusEmails(id)).toEqual([]);
    expect((await move(roles.coordinator, id, 'conversation_scheduled')).error).toBeNull();
    expect((await move(roles.coordinator, id, 'home_visit')).error).toBeNull();
    expect((await move(roles.coordinator, id, 'declined')).error).toBeNull();
    expect(await statusEmails(id)).toEqual([
      'status_conversation_scheduled→applicant',
      'status_home_visit→applicant',
      'status_declined→applicant',
    ]);
  });

  it('withdrawn by the service gets one; withdrawn by the applicant none', async () => {
    const byService = await newCase('tilsynsperson');
    expect((await move(roles.coordinator, byService, 'withdrawn')).error).toBeNull();
    expect(await statusEmails(byService)).toEqual(['status_withdrawn→applicant']);

    const me = await applicantCase('tilsynsperson');
    await service().rpc('applicant_withdraw', { session: me.session, reference: me.reference });
    expect(await statusEmails(me.id)).toEqual([]);
  });

  it('exactly once: a second message of the same status is refused by the database', async () => {
    const id = await newCase('tilsynsperson');
    expect((await move(roles.coordinator, id, 'in_review')).error).toBeNull();
    expect((await move(roles.coordinator, id, 'conversation_scheduled')).error).toBeNull();
    await expect(
      sql(
        `insert into public.outbox_messages (application_id, template, recipient)
          values ($1, 'status_conversation_scheduled', 'applicant')`,
        [id],
      ),
    ).rejects.toThrow(/outbox_messages_one_status_email/);
    expect(await statusEmails(id)).toEqual(['status_conversation_scheduled→applicant']);
  });

  it('the sender gets the first name and the address only, and no token', async () => {
    const me = await applicantCase('tilsynsperson', { full_name: 'Anne Marie Testesen' });
    expect((await move(roles.coordinator, me.id, 'in_review')).error).toBeNull();
    expect((await move(roles.coordinator, me.id, 'conversation_scheduled')).error).toBeNull();
    await sql(
      `update public.outbox_messages set next_attempt_at = '2000-01-01'
        where application_id = $1 and template = 'status_conversation_scheduled'`,
      [me.id],
    );
    const { data, error } = await service().rpc('claim_outbox_messages', { batch: 1 });
    expect(error).toBeNull();
    expect(data?.[0]).toMatchObject({
      template: 'status_conversation_scheduled',
      recipient: 'applicant',
      to_address: me.email,
      recipient_name: 'Anne',
      applicant_name: null,
      link_token: null,
    });
  });

  it('the sign-in link e-mail carries a fresh applicant token and the first name', async () => {
    const me = await applicantCase('besokshjem');
    await service().rpc('request_applicant_link', {
      email: me.email,
      client: `status-emails-${me.id}`,
      limits: {
        client_window_minutes: 10,
        client_requests: 30,
        code_interval_seconds: 60,
        requests_per_hour: 10,
      },
    });
    await sql(
      `update public.outbox_messages set next_attempt_at = '2000-01-01'
        where application_id = $1 and template = 'applicant_link'`,
      [me.id],
    );
    const { data } = await service().rpc('claim_outbox_messages', { batch: 1 });
    const claimed = data?.[0];
    expect(claimed).toMatchObject({
      template: 'applicant_link',
      to_address: me.email,
      recipient_name: 'Kari',
    });
    const opened = await service().rpc('open_applicant_session', {
      link_token: claimed?.link_token ?? '',
      client: 'x',
    });
    expect((opened.data as { state: string }).state).toBe('open');
  });
});
