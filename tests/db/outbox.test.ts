/**
 * The outbox in the database: recorded with the application in one transaction, readable by
 * active coordinators only, and handed to one sender at a time.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anon,
  client,
  service,
  stack,
  storeApplication,
  userToken,
  withDb,
} from '../support/db.ts';
import { applicationPayload, type Payload } from '../support/payloads.ts';

const application = (overrides: Payload = {}): Payload =>
  applicationPayload('tilsynsperson', overrides);

const submit = (payload: Payload = application()) => storeApplication(payload);

interface Row {
  id: string;
  template: string;
  recipient: string;
  status: string;
  attempts: number;
  idempotency_key: string;
  last_error: string | null;
  locked_until: Date | null;
}

const messagesOf = (reference: string) =>
  withDb(
    async (db) =>
      (
        await db.query<Row>(
          `select m.* from public.outbox_messages m
             join public.applications a on a.id = m.application_id
            where a.reference = $1 order by m.template`,
          [reference],
        )
      ).rows,
  );

/** Marks everything in the outbox sent, so a test claims only its own messages. */
const settleBacklog = () =>
  withDb((db) =>
    db.query(
      `update public.outbox_messages set status = 'sent', sent_at = now(), locked_until = null
        where status <> 'sent'`,
    ),
  );

describe('recording messages with the application', () => {
  it('records one receipt and one notice per application, without copying personal data', async () => {
    const reference = await submit();
    const rows = await messagesOf(reference);
    expect(rows.map((r) => [r.template, r.recipient, r.status, r.attempts])).toEqual([
      ['coordinator_notice', 'coordinators', 'pending', 0],
      ['receipt', 'applicant', 'pending', 0],
    ]);
    expect(new Set(rows.map((r) => r.idempotency_key)).size).toBe(2);
    const columns = await withDb(async (db) =>
      (
        await db.query<{ column_name: string }>(
          `select column_name from information_schema.columns
              where table_schema = 'public' and table_name = 'outbox_messages'`,
        )
      ).rows.map((r) => r.column_name),
    );
    expect(columns).not.toContain('email');
    expect(columns).not.toContain('to_address');
  });

  it('a repeated submission records no further messages', async () => {
    const payload = application();
    const reference = await submit(payload);
    expect(await submit(payload)).toBe(reference);
    expect(await messagesOf(reference)).toHaveLength(2);
  });

  it('stores no application when its messages cannot be recorded, and no messages without it', async () => {
    const payload = application();
    await withDb(async (db) => {
      await db.query('begin');
      try {
        // Make recording a message fail: the whole submission must fail with it.
        await db.query(
          `alter table public.outbox_messages add constraint outbox_test_refuse check (false) not valid`,
        );
        await expect(
          db.query('select public.submit_application($1::json)', [JSON.stringify(payload)]),
        ).rejects.toThrow(/outbox_test_refuse/);
      } finally {
        await db.query('rollback');
      }
      const stored = await db.query('select 1 from public.applications where submission_id = $1', [
        payload['submission_id'],
      ]);
      expect(stored.rowCount).toBe(0);

      // And an application rolled back takes its messages with it.
      await db.query('begin');
      const reference = (
        await db.query<{ r: string }>('select public.submit_application($1::json) as r', [
          JSON.stringify(application()),
        ])
      ).rows[0]?.r;
      await db.query('rollback');
      const orphans = await db.query(
        // The daily overview belongs to a coordinator, not an application (application_id null).
        `select 1 from public.outbox_messages m
          where m.template <> 'daily_overview'
            and not exists (select 1 from public.applications a where a.id = m.application_id)`,
      );
      expect(reference).toBeTruthy();
      expect(orphans.rowCount).toBe(0);
    });
  });

  it('deletes the messages with their application', async () => {
    const reference = await submit();
    await withDb((db) =>
      db.query('delete from public.applications where reference = $1', [reference]),
    );
    expect(await messagesOf(reference)).toEqual([]);
  });
});

describe('access: active coordinators read, only the sender changes', () => {
  const ids = { coordinator: randomUUID(), inactive: randomUUID(), stranger: randomUUID() };

  beforeAll(async () => {
    await withDb(async (db) => {
      await db.query(
        `insert into auth.users (id, email, aud, role)
           select id, id || '@test.invalid', 'authenticated', 'authenticated'
             from unnest($1::uuid[]) as id`,
        [[ids.coordinator, ids.inactive, ids.stranger]],
      );
      await db.query(
        `insert into public.coordinators (user_id, name, active, role)
           values ($1, 'Utboks Koordinator', true, 'coordinator'),
                  ($2, 'Utboks Sluttet', false, 'coordinator')`,
        [ids.coordinator, ids.inactive],
      );
    });
    await submit();
  });

  it('an active coordinator reads the outbox', async () => {
    const as = client(stack().anonKey, await userToken(ids.coordinator));
    const { data, error } = await as
      .from('outbox_messages')
      .select('id, template, status, last_error');
    expect(error).toBeNull();
    expect(data?.length).toBeGreaterThan(0);
  });

  it('anon, a stranger and a deactivated coordinator read nothing', async () => {
    const { anonKey } = stack();
    const anonResult = await anon().from('outbox_messages').select('id');
    expect(anonResult.error?.code).toBe('42501');
    for (const who of [ids.stranger, ids.inactive]) {
      const result = await client(anonKey, await userToken(who))
        .from('outbox_messages')
        .select('id');
      expect(result.error?.code).toBe('42501');
    }
  });

  it('no API role writes the outbox directly, not even a coordinator', async () => {
    const as = client(stack().anonKey, await userToken(ids.coordinator));
    const update = await as.from('outbox_messages').update({ status: 'sent' }).neq('status', 'x');
    expect(update.error?.code).toBe('42501');
    const insert = await anon().from('outbox_messages').insert({
      application_id: randomUUID(),
      template: 'receipt',
      recipient: 'applicant',
    });
    expect(insert.error?.code).toBe('42501');
    const serviceDelete = await service().from('outbox_messages').delete().neq('status', 'x');
    expect(serviceDelete.error?.code).toBe('42501');
  });

  it('only service_role may claim, complete or fail messages', async () => {
    const coordinator = client(stack().anonKey, await userToken(ids.coordinator));
    for (const who of [anon(), coordinator]) {
      const claim = await who.rpc('claim_outbox_messages', { batch: 1 });
      expect(claim.error?.code).toBe('42501');
      const complete = await who.rpc('complete_outbox_message', {
        message_id: randomUUID(),
        provider_id: 'x',
      });
      expect(complete.error?.code).toBe('42501');
      const fail = await who.rpc('fail_outbox_message', { message_id: randomUUID(), error: 'x' });
      expect(fail.error?.code).toBe('42501');
    }
    const claim = await service().rpc('claim_outbox_messages', { batch: 1 });
    expect(claim.error).toBeNull();
  });
});

describe('claiming', () => {
  afterAll(settleBacklog);

  it('hands each message to one sender, even when two claim at the same moment', async () => {
    await settleBacklog();
    const references = await Promise.all(Array.from({ length: 10 }, () => submit()));
    const first = new pg.Client({ connectionString: stack().dbUrl });
    const second = new pg.Client({ connectionString: stack().dbUrl });
    await Promise.all([first.connect(), second.connect()]);
    try {
      await first.query('begin');
      await second.query('begin');
      // The first claim holds its row locks until commit; the second skips them.
      const a = await first.query<{ id: string }>(
        'select id from public.claim_outbox_messages(12)',
      );
      const b = await second.query<{ id: string }>(
        'select id from public.claim_outbox_messages(12)',
      );
      await Promise.all([first.query('commit'), second.query('commit')]);
      const ids = [...a.rows, ...b.rows].map((r) => r.id);
      expect(a.rows).toHaveLength(12);
      expect(b.rows).toHaveLength(8);
      expect(new Set(ids).size).toBe(20);
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
    const rows = (await Promise.all(references.map(messagesOf))).flat();
    expect(rows.every((r) => r.status === 'sending' && r.attempts === 1 && r.locked_until)).toBe(
      true,
    );
  });

  it('returns the applicant address for receipts only', async () => {
    await settleBacklog();
    const payload = application();
    const reference = await submit(payload);
    const { data, error } = await service().rpc('claim_outbox_messages', { batch: 10 });
    expect(error).toBeNull();
    const mine = (data ?? []).filter((m) => m.reference === reference);
    expect(mine.map((m) => [m.template, m.to_address, m.kind])).toEqual(
      expect.arrayContaining([
        ['receipt', payload['email'], 'tilsynsperson'],
        ['coordinator_notice', null, 'tilsynsperson'],
      ]),
    );
  });

  it('retries at the time given, gives up when told, and completes only a claimed message', async () => {
    await settleBacklog();
    const reference = await submit();
    const svc = service();
    const claimed = (await svc.rpc('claim_outbox_messages', { batch: 10 })).data ?? [];
    const [receipt, notice] = ['receipt', 'coordinator_notice'].map((t) =>
      claimed.find((m) => m.reference === reference && m.template === t)!,
    );
    const later = new Date(Date.now() + 60_000).toISOString();
    expect(
      (
        await svc.rpc('fail_outbox_message', {
          message_id: receipt!.id,
          error: 'resend: 500 x',
          retry_at: later,
        })
      ).data,
    ).toBe(true);
    expect(
      (
        await svc.rpc('fail_outbox_message', {
          message_id: notice!.id,
          error: 'resend: 422 validation_error',
        })
      ).data,
    ).toBe(true);
    // Not due yet: nothing to claim.
    expect((await svc.rpc('claim_outbox_messages', { batch: 10 })).data).toEqual([]);
    let rows = await messagesOf(reference);
    expect(rows.map((r) => [r.template, r.status, r.last_error])).toEqual([
      ['coordinator_notice', 'failed', 'resend: 422 validation_error'],
      ['receipt', 'pending', 'resend: 500 x'],
    ]);
    // A message that is not claimed cannot be completed.
    expect(
      (await svc.rpc('complete_outbox_message', { message_id: receipt!.id, provider_id: 'p' }))
        .data,
    ).toBe(false);

    await withDb((db) =>
      db.query(`update public.outbox_messages set next_attempt_at = now() where id = $1`, [
        receipt!.id,
      ]),
    );
    const again = (await svc.rpc('claim_outbox_messages', { batch: 10 })).data ?? [];
    expect(again.map((m) => [m.id, m.attempts])).toEqual([[receipt!.id, 2]]);
    expect(
      (await svc.rpc('complete_outbox_message', { message_id: receipt!.id, provider_id: 'p-1' }))
        .data,
    ).toBe(true);
    rows = await messagesOf(reference);
    expect(rows.find((r) => r.template === 'receipt')).toMatchObject({
      status: 'sent',
      last_error: null,
    });
  });

  it('takes over a message whose sender stopped, and gives up after the last try', async () => {
    await settleBacklog();
    const reference = await submit();
    const svc = service();
    await svc.rpc('claim_outbox_messages', { batch: 10, lease_seconds: 60 });
    // The sender "crashed": its leases run out. One message has tries left, one has none.
    await withDb((db) =>
      db.query(
        `update public.outbox_messages m
            set locked_until = now() - interval '1 second',
                attempts = case when m.template = 'receipt' then 1 else 3 end
           from public.applications a
          where a.id = m.application_id and a.reference = $1`,
        [reference],
      ),
    );
    const again =
      (await svc.rpc('claim_outbox_messages', { batch: 10, max_attempts: 3 })).data ?? [];
    expect(again.map((m) => [m.template, m.attempts])).toEqual([['receipt', 2]]);
    const rows = await messagesOf(reference);
    expect(rows.find((r) => r.template === 'coordinator_notice')).toMatchObject({
      status: 'failed',
      locked_until: null,
    });
  });

  it('refuses a batch out of range', async () => {
    const { error } = await service().rpc('claim_outbox_messages', { batch: 0 });
    expect(error?.code).toBe('22023');
  });
});
