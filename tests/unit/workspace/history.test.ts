// The case history: the audit log in words, as the case page shows it (who, what, when, and
// never a personal value).
import { describe, expect, it } from 'vitest';
import { timeline, type AuditEntry } from '../../../src/lib/coordinator/history.ts';

const coordinatorId = '11111111-1111-4111-8111-111111111111';
const names = new Map([[coordinatorId, 'Kari Koordinator']]);

const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  occurred_at: '2026-12-01T22:40:00Z',
  actor_id: coordinatorId,
  actor_role: 'authenticated',
  table_name: 'applications',
  action: 'update',
  changes: {},
  ...overrides,
});

describe('history: the audit log in words', () => {
  it.each([
    [
      'a status change, old → new, in Norwegian',
      entry({
        action: 'status_change',
        changes: { status: { old: 'received', new: 'in_review' } },
      }),
      'Status endret',
      ['Status: mottatt → under behandling'],
    ],
    [
      'journalført: the number, without repeating who and when',
      entry({
        changes: {
          journal_reference: { old: null, new: '2026/1234-1' },
          journaled_at: { old: null, new: '2026-12-01T22:40:00Z' },
          journaled_by: { old: null, new: coordinatorId },
        },
      }),
      'Journalført',
      ['Journalnummer: tomt → 2026/1234-1'],
    ],
    [
      'a corrected journal reference, old → new',
      entry({ changes: { journal_reference: { old: '2026/1234-1', new: '2026/1234-2' } } }),
      'Journalføringen rettet',
      ['Journalnummer: 2026/1234-1 → 2026/1234-2'],
    ],
    [
      'a personal field only as "endret", never its value',
      entry({ changes: { full_name: { changed: true }, email: { changed: true } } }),
      'Søknaden endret',
      ['Navn: endret', 'E-post: endret'],
    ],
    [
      'a checklist date as dd.mm.åååå, a coordinator by name',
      entry({
        table_name: 'application_checklists',
        changes: {
          certificate_issued_on: { old: null, new: '2026-11-30' },
          certificate_verified_by: { old: null, new: coordinatorId },
          updated_at: { old: 'x', new: 'y' },
        },
      }),
      'Sjekklisten oppdatert',
      [
        'Politiattestens utstedelsesdato: tomt → 30.11.2026',
        'Politiattest kontrollert av: tomt → Kari Koordinator',
      ],
    ],
    [
      'a contact note, without its text',
      entry({
        table_name: 'application_notes',
        action: 'insert',
        changes: { body: { changed: true }, is_contact: { old: null, new: true } },
      }),
      'Notat skrevet',
      ['Merket som kontakt med søkeren'],
    ],
    [
      'a coordinator deactivated, by name',
      entry({
        table_name: 'coordinators',
        row_key: coordinatorId,
        changes: { active: { old: true, new: false }, role: { old: 'coordinator', new: 'lead' } },
      }),
      'Koordinator endret: Kari Koordinator',
      ['Aktiv: ja → nei', 'Rolle: koordinator → leder'],
    ],
    [
      'the partner\'s details and the time to call only as "endret"',
      entry({ changes: { partner_name: { changed: true }, call_time: { changed: true } } }),
      'Søknaden endret',
      ['Fullt navn til den du søker sammen med: endret', 'Når vi kan ringe: endret'],
    ],
    [
      "the partner's certificate with its date and who checked it",
      entry({
        table_name: 'application_checklists',
        changes: {
          partner_certificate_issued_on: { old: null, new: '2026-11-30' },
          partner_certificate_verified_by: { old: null, new: coordinatorId },
          partner_certificate_verified_at: { old: null, new: '2026-12-01T10:00:00Z' },
        },
      }),
      'Sjekklisten oppdatert',
      [
        'Medsøkerens politiattest, utstedelsesdato: tomt → 30.11.2026',
        'Medsøkerens politiattest kontrollert av: tomt → Kari Koordinator',
      ],
    ],
    [
      'the co-applicant confirmed through their link, without what they gave',
      entry({
        table_name: 'co_applicant_parts',
        changes: {
          status: { old: 'pending', new: 'confirmed' },
          phone: { changed: true },
          call_time: { changed: true },
          answered_at: { old: null, new: '2026-12-01T10:00:00Z' },
        },
      }),
      'Medsøker bekreftet',
      [],
    ],
    [
      'the co-applicant said no',
      entry({
        table_name: 'co_applicant_parts',
        changes: { status: { old: 'pending', new: 'declined' } },
      }),
      'Medsøker svarte nei',
      [],
    ],
    [
      "the co-applicant's link sent again",
      entry({
        table_name: 'co_applicant_parts',
        changes: { requested_at: { old: null, new: '2026-12-01T10:00:00Z' } },
      }),
      'Lenken til medsøkeren ble sendt på nytt',
      [],
    ],
    [
      'the reference requests sent',
      entry({ table_name: 'referees', changes: { status: { old: 'not_asked', new: 'asked' } } }),
      'Forespørsel sendt til referansene',
      [],
    ],
    [
      'a reference received, without its answers',
      entry({
        table_name: 'referees',
        changes: {
          status: { old: 'asked', new: 'answered' },
          answers: { changed: true },
          answered_at: { old: null, new: '2026-12-01T10:00:00Z' },
        },
      }),
      'Referanse mottatt',
      [],
    ],
    [
      'a referee who did not want to answer',
      entry({ table_name: 'referees', changes: { status: { old: 'asked', new: 'declined' } } }),
      'Referansen ønsket ikke å svare',
      [],
    ],
    [
      'a reference taken by phone, without the note',
      entry({
        table_name: 'referees',
        changes: { status: { old: 'asked', new: 'by_phone' }, phone_note: { changed: true } },
      }),
      'Referanse tatt på telefon',
      [],
    ],
    [
      "a referee's link sent again",
      entry({
        table_name: 'referees',
        changes: { requested_at: { old: 'x', new: 'y' }, expires_at: { old: 'x', new: 'y' } },
      }),
      'Lenken til referansen ble sendt på nytt',
      [],
    ],
    [
      'a reminder to a referee',
      entry({ table_name: 'referees', changes: { reminded_at: { old: null, new: 'y' } } }),
      'Påminnelse sendt til referansen',
      [],
    ],
  ])('%s', (_, row, what, details) => {
    const [line] = timeline([row], names);
    expect(line?.what).toBe(what);
    expect(line?.details).toEqual(details);
    expect(JSON.stringify(line)).not.toMatch(/Kari Testesen|@/);
  });

  it.each([
    [
      entry({ actor_id: null, actor_role: 'anon', action: 'insert' }),
      'Søkeren (innsending på nettsiden)',
    ],
    [
      entry({ actor_id: null, actor_role: 'postgres' }),
      'Databaseadministrator eller en automatisk jobb',
    ],
    [entry({ actor_id: null, actor_role: 'service_role' }), 'Nettstedets servernøkkel'],
    [entry({ actor_id: '22222222-2222-4222-8222-222222222222' }), 'En tidligere koordinator'],
    [
      entry({
        actor_id: null,
        actor_role: 'service_role',
        table_name: 'referees',
        action: 'insert',
      }),
      'Søkeren (innsending på nettsiden)',
    ],
    [
      entry({
        actor_id: null,
        actor_role: 'service_role',
        table_name: 'co_applicant_parts',
        changes: { status: { old: 'pending', new: 'confirmed' } },
      }),
      'Medsøkeren (egen lenke)',
    ],
    [
      entry({
        actor_id: null,
        actor_role: 'service_role',
        table_name: 'referees',
        changes: { status: { old: 'asked', new: 'answered' } },
      }),
      'Referansen (egen lenke)',
    ],
  ])('who: %#', (row, who) => {
    expect(timeline([row], names)[0]?.who).toBe(who);
  });
});

describe('history: the applicant’s own changes on Min søknad (issue 25)', () => {
  const byApplicant = (changes: AuditEntry['changes'], action = 'update') =>
    timeline([entry({ actor_id: null, actor_role: 'applicant', action, changes })], names)[0];

  it('a withdrawal reads "Trukket av søkeren", by the applicant', () => {
    const row = byApplicant(
      {
        status: { old: 'in_review', new: 'withdrawn' },
        withdrawn_by_applicant: { old: false, new: true },
      },
      'status_change',
    );
    expect(row?.what).toBe('Trukket av søkeren');
    expect(row?.who).toBe('Søkeren (Min søknad)');
  });

  it('corrected contact details say what changed, never the values', () => {
    const row = byApplicant({ phone: { changed: true } });
    expect(row?.what).toBe('Søkeren endret kontaktopplysningene');
    expect(row?.details).toEqual(['Telefon: endret']);
  });

  it('an erasure request is named as one', () => {
    const row = byApplicant({ erasure_requested_at: { old: null, new: '2026-12-06T10:00:00Z' } });
    expect(row?.what).toBe('Søkeren ba om sletting');
  });

  it('a coordinator’s withdrawal stays "Status endret"', () => {
    const row = timeline(
      [
        entry({
          action: 'status_change',
          changes: { status: { old: 'received', new: 'withdrawn' } },
        }),
      ],
      names,
    )[0];
    expect(row?.what).toBe('Status endret');
  });
});
