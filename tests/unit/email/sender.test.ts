import { describe, expect, it } from 'vitest';
import {
  classifyResendError,
  type OutgoingEmail,
  type SendOutcome,
  type Transport,
} from '../../../src/lib/server/email/transport.ts';
import {
  defaultBackoff,
  sendPending,
  type ClaimedMessage,
  type OutboxStore,
} from '../../../src/lib/server/outbox/sender.ts';
import type { Profile } from '../../../src/schemas/profile.ts';

const profile = {
  municipality: 'Testvik kommune',
  unit: 'Barnevernstjenesten',
  phone: '12 34 56 78',
  email: 'post@testvik.invalid',
  coordinatorsInbox: 'koordinatorer@testvik.invalid',
} as Profile;

function message(overrides: Partial<ClaimedMessage> = {}): ClaimedMessage {
  return {
    id: crypto.randomUUID(),
    template: 'receipt',
    recipient: 'applicant',
    toAddress: 'soker@example.no',
    linkToken: null,
    applicantName: null,
    recipientName: null,
    reference: 'BH-7K3M-Q9XD',
    kind: 'besokshjem',
    receivedAt: new Date('2026-11-23T12:00:00Z'),
    overviewOn: null,
    overviewCounts: null,
    attempts: 1,
    idempotencyKey: 'fosterportal/receipt/1',
    ...overrides,
  };
}

/** A store over a fixed list; records what the sender reported. */
function fakeStore(messages: ClaimedMessage[]) {
  const queue = [...messages];
  const calls = {
    completed: [] as [string, string][],
    failed: [] as [string, string, Date | null][],
  };
  const store: OutboxStore = {
    claim: async (batch) => queue.splice(0, batch),
    complete: async (id, providerId) => void calls.completed.push([id, providerId]),
    fail: async (id, error, retryAt) => void calls.failed.push([id, error, retryAt]),
  };
  return { store, calls };
}

function fakeTransport(answer: (email: OutgoingEmail) => SendOutcome) {
  const sent: OutgoingEmail[] = [];
  const transport: Transport = {
    name: 'fake',
    send: async (email) => {
      sent.push(email);
      return answer(email);
    },
  };
  return { transport, sent };
}

const render = () => ({ subject: 'Emne', html: '<p>x</p>', text: 'x' });
const now = () => new Date('2026-11-23T12:00:00Z');
const quiet = () => undefined;

describe('sendPending', () => {
  it('sends each claimed message with its idempotency key to the right address', async () => {
    const { store, calls } = fakeStore([
      message(),
      message({
        template: 'coordinator_notice',
        recipient: 'coordinators',
        toAddress: null,
        idempotencyKey: 'fosterportal/coordinator_notice/1',
      }),
    ]);
    const { transport, sent } = fakeTransport(() => ({ ok: true, id: 'resend-id' }));
    const summary = await sendPending({
      store,
      transport,
      profile,
      render,
      from: 'a@b.no',
      log: quiet,
    });
    expect(summary).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(sent.map((e) => [e.to, e.idempotencyKey, e.replyTo])).toEqual([
      ['soker@example.no', 'fosterportal/receipt/1', 'post@testvik.invalid'],
      [
        'koordinatorer@testvik.invalid',
        'fosterportal/coordinator_notice/1',
        'post@testvik.invalid',
      ],
    ]);
    expect(calls.completed.map(([, id]) => id)).toEqual(['resend-id', 'resend-id']);
  });

  it('sends a link e-mail to the co-applicant or referee, with the link on the site and the names', async () => {
    const token = 'A'.repeat(21) + '-_' + 'b'.repeat(20);
    const link = { linkToken: token, applicantName: 'Kari Nordmann', recipientName: 'Ola Venn' };
    const { store, calls } = fakeStore([
      message({
        template: 'co_applicant_request',
        recipient: 'co_applicant',
        toAddress: 'ola@example.no',
        ...link,
      }),
      message({
        template: 'referee_reminder',
        recipient: 'referee',
        toAddress: 'per@example.no',
        ...link,
      }),
      // A link message without its token cannot be sent, now or later.
      message({
        template: 'referee_request',
        recipient: 'referee',
        toAddress: 'lise@example.no',
        ...link,
        linkToken: null,
      }),
    ]);
    const { transport, sent } = fakeTransport(() => ({ ok: true, id: 'resend-id' }));
    const facts: unknown[] = [];
    const summary = await sendPending({
      store,
      transport,
      profile,
      render: (f) => (facts.push(f), render()),
      from: 'a@b.no',
      siteUrl: 'https://fosterhjem.testvik.invalid/',
      log: quiet,
    });
    expect(summary).toEqual({ sent: 2, retrying: 0, failed: 1 });
    expect(sent.map((e) => e.to)).toEqual(['ola@example.no', 'per@example.no']);
    expect(facts).toMatchObject([
      {
        template: 'co_applicant_request',
        link: {
          url: `https://fosterhjem.testvik.invalid/soknad/medsoker/${token}/`,
          privacyUrl: 'https://fosterhjem.testvik.invalid/personvern/#medsoker-og-referanser',
          applicantName: 'Kari Nordmann',
          recipientName: 'Ola Venn',
        },
      },
      {
        template: 'referee_reminder',
        link: { url: `https://fosterhjem.testvik.invalid/referanse/${token}/` },
      },
    ]);
    expect(calls.failed.map(([, error, retryAt]) => [error, retryAt])).toEqual([
      ['mangler lenke eller navn', null],
    ]);
  });

  it("sends a referee's notice with the names and the privacy link, and no link of its own", async () => {
    const names = { applicantName: 'Kari Nordmann', recipientName: 'Ola Venn' };
    const { store, calls } = fakeStore([
      message({
        template: 'referee_notice',
        recipient: 'referee',
        toAddress: 'per@example.no',
        ...names,
      }),
      // Without a name it is not sent.
      message({
        template: 'referee_notice',
        recipient: 'referee',
        toAddress: 'lise@example.no',
        ...names,
        recipientName: null,
      }),
    ]);
    const { transport, sent } = fakeTransport(() => ({ ok: true, id: 'resend-id' }));
    const facts: Record<string, unknown>[] = [];
    const summary = await sendPending({
      store,
      transport,
      profile,
      render: (f) => (facts.push({ ...f }), render()),
      from: 'a@b.no',
      siteUrl: 'https://fosterhjem.testvik.invalid',
      log: quiet,
    });
    expect(summary).toEqual({ sent: 1, retrying: 0, failed: 1 });
    expect(sent.map((e) => e.to)).toEqual(['per@example.no']);
    expect(facts).toEqual([
      expect.objectContaining({
        template: 'referee_notice',
        names: {
          privacyUrl: 'https://fosterhjem.testvik.invalid/personvern/#medsoker-og-referanser',
          ...names,
        },
      }),
    ]);
    expect(facts[0]).not.toHaveProperty('link');
    expect(calls.failed.map(([, error]) => error)).toEqual(['mangler lenke eller navn']);
  });

  it('sends the daily overview to the coordinator with its day and counts; without counts, never', async () => {
    const counts = {
      scope: 'own',
      new_unassigned: 2,
      contact_due_today: 0,
      contact_overdue: 1,
      certificates_expiring: 0,
      referees_waiting: 0,
      co_applicants_pending: 0,
      ended_not_journaled: 0,
    };
    const overview = {
      template: 'daily_overview' as const,
      recipient: 'coordinator' as const,
      toAddress: 'kari.koordinator@testvik.invalid',
      reference: null,
      kind: null,
      receivedAt: null,
      overviewOn: '2026-11-24',
    };
    const { store, calls } = fakeStore([
      message({ ...overview, overviewCounts: counts }),
      // Counts the sender cannot trust (a negative number) are not sent, now or later.
      message({ ...overview, overviewCounts: { ...counts, contact_overdue: -1 } }),
    ]);
    const { transport, sent } = fakeTransport(() => ({ ok: true, id: 'resend-id' }));
    const facts: unknown[] = [];
    const summary = await sendPending({
      store,
      transport,
      profile,
      render: (f) => (facts.push(f), render()),
      from: 'a@b.no',
      siteUrl: 'https://fosterhjem.testvik.invalid',
      log: quiet,
    });
    expect(summary).toEqual({ sent: 1, retrying: 0, failed: 1 });
    expect(sent.map((e) => e.to)).toEqual(['kari.koordinator@testvik.invalid']);
    expect(facts).toEqual([
      {
        template: 'daily_overview',
        day: '2026-11-24',
        counts,
        siteUrl: 'https://fosterhjem.testvik.invalid',
      },
    ]);
    expect(calls.failed.map(([, error, retryAt]) => [error, retryAt])).toEqual([
      ['mangler tall', null],
    ]);
  });

  it('sends the applicant their sign-in link and status e-mails with the first name only', async () => {
    const token = 'C'.repeat(43);
    const { store, calls } = fakeStore([
      message({ template: 'applicant_link', linkToken: token, recipientName: 'Kari Nordmann' }),
      message({ template: 'status_conversation_scheduled', applicantName: 'Kari' }),
      message({ template: 'applicant_email_confirm', linkToken: token, recipientName: 'Kari' }),
      // A sign-in e-mail without its token, or without a name, cannot be sent.
      message({ template: 'applicant_link', recipientName: 'Kari' }),
      message({ template: 'status_approved' }),
    ]);
    const { transport, sent } = fakeTransport(() => ({ ok: true, id: 'resend-id' }));
    const facts: unknown[] = [];
    const summary = await sendPending({
      store,
      transport,
      profile,
      render: (f) => (facts.push(f), render()),
      from: 'a@b.no',
      siteUrl: 'https://fosterhjem.testvik.invalid/',
      log: quiet,
    });
    expect(summary).toEqual({ sent: 3, retrying: 0, failed: 2 });
    expect(sent.map((e) => e.to)).toEqual([
      'soker@example.no',
      'soker@example.no',
      'soker@example.no',
    ]);
    expect(facts).toMatchObject([
      {
        template: 'applicant_link',
        applicant: {
          firstName: 'Kari',
          url: `https://fosterhjem.testvik.invalid/min-soknad/inn/${token}/`,
        },
      },
      {
        template: 'status_conversation_scheduled',
        applicant: { firstName: 'Kari', url: 'https://fosterhjem.testvik.invalid/min-soknad/' },
      },
      {
        template: 'applicant_email_confirm',
        applicant: { url: `https://fosterhjem.testvik.invalid/min-soknad/bekreft-epost/${token}/` },
      },
    ]);
    expect(calls.failed.map(([, error]) => error)).toEqual([
      'mangler lenke eller navn',
      'mangler lenke eller navn',
    ]);
  });

  it('retries a retryable failure later, with backoff', async () => {
    const { store, calls } = fakeStore([message({ attempts: 3 })]);
    const { transport } = fakeTransport(() => ({
      ok: false,
      retryable: true,
      error: 'resend: 503 x',
    }));
    const summary = await sendPending({
      store,
      transport,
      profile,
      render,
      from: 'a@b.no',
      log: quiet,
      now,
      backoff: (attempts) => attempts * 1000,
    });
    expect(summary).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(calls.failed[0]?.[1]).toBe('resend: 503 x');
    expect(calls.failed[0]?.[2]?.toISOString()).toBe('2026-11-23T12:00:03.000Z');
  });

  it('gives up after the last try, and at once on an error a retry cannot fix', async () => {
    const { store, calls } = fakeStore([message({ attempts: 10 }), message({ attempts: 1 })]);
    let call = 0;
    const { transport } = fakeTransport(() =>
      call++ === 0
        ? { ok: false, retryable: true, error: 'resend: 500 internal_server_error' }
        : { ok: false, retryable: false, error: 'resend: 422 validation_error' },
    );
    const summary = await sendPending({
      store,
      transport,
      profile,
      render,
      from: 'a@b.no',
      log: quiet,
    });
    expect(summary).toEqual({ sent: 0, retrying: 0, failed: 2 });
    expect(calls.failed.map(([, e, at]) => [e, at])).toEqual([
      ['resend: 500 internal_server_error', null],
      ['resend: 422 validation_error', null],
    ]);
  });

  it('fails a receipt without an address and never logs addresses or content', async () => {
    const lines: string[] = [];
    const { store, calls } = fakeStore([message({ toAddress: null }), message()]);
    const { transport } = fakeTransport(() => ({ ok: true, id: 'x' }));
    await sendPending({
      store,
      transport,
      profile,
      render,
      from: 'a@b.no',
      log: (l) => lines.push(l),
    });
    expect(calls.failed.map(([, e, at]) => [e, at])).toEqual([['mangler mottakeradresse', null]]);
    expect(lines.join('\n')).not.toMatch(/@|BH-7K3M|Emne/);
  });

  it('keeps claiming batches until none is left', async () => {
    const { store } = fakeStore(Array.from({ length: 25 }, () => message()));
    const { transport, sent } = fakeTransport(() => ({ ok: true, id: 'x' }));
    await sendPending({
      store,
      transport,
      profile,
      render,
      from: 'a@b.no',
      batchSize: 10,
      log: quiet,
    });
    expect(sent).toHaveLength(25);
  });
});

describe('classifyResendError', () => {
  it.each([
    [
      { statusCode: null, name: 'application_error' },
      true,
      'resend: no answer (network or timeout)',
    ],
    [{ statusCode: 429, name: 'rate_limit_exceeded' }, true, 'resend: 429 rate_limit_exceeded'],
    [{ statusCode: 500, name: 'internal_server_error' }, true, 'resend: 500 internal_server_error'],
    [{ statusCode: 503, name: 'application_error' }, true, 'resend: 503 application_error'],
    [
      { statusCode: 409, name: 'concurrent_idempotent_requests' },
      true,
      'resend: 409 concurrent_idempotent_requests',
    ],
    [{ statusCode: 422, name: 'validation_error' }, false, 'resend: 422 validation_error'],
    [{ statusCode: 403, name: 'invalid "x@y.no"' }, false, 'resend: 403 error'],
  ])('%j → retryable %s', (error, retryable, text) => {
    expect(classifyResendError(error)).toEqual({ retryable, error: text });
  });
});

describe('defaultBackoff', () => {
  it('doubles from a minute up to an hour, with a little jitter', () => {
    expect(defaultBackoff(1, () => 0.5)).toBe(60_000);
    expect(defaultBackoff(2, () => 0.5)).toBe(120_000);
    expect(defaultBackoff(3, () => 0)).toBe(216_000);
    expect(defaultBackoff(20, () => 0.5)).toBe(3_600_000);
  });
});
