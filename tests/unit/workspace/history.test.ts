import { describe, expect, it } from 'vitest';
import { timeline, type AuditEntry } from '../../../src/lib/coordinator/history.ts';
import { checklistEntries } from '../../../src/components/workspace/case/checklist-entries.ts';
import { TOGETHER } from '../../../src/lib/forms/household.ts';
import {
  ChecklistFormSchema,
  InviteFormSchema,
  NoteFormSchema,
  StatusFormSchema,
} from '../../../src/lib/coordinator/forms.ts';
import { days, formatDateTime } from '../../../src/lib/coordinator/workspace.ts';
import {
  partnerName,
  storedAnswers,
  type StoredApplication,
} from '../../../src/lib/forms/answers.ts';
import { fieldsOf } from '../../../src/lib/forms/definition.ts';
import { forms } from '../../../src/lib/forms/index.ts';
import { validate } from '../../../src/lib/forms/schema-cache.ts';
import { toSubmission } from '../../../src/lib/forms/submission.ts';
import { dbMessage, refusalList } from '../../../src/lib/server/screening/errors.ts';
import { formatNorwegianDate, osloDate } from '../../../src/lib/dates.ts';
import { visitHomeAnswers } from '../forms/fixtures.ts';
import { searchFilter } from '../../../src/lib/server/screening/queue.ts';

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
  ])('who: %#', (row, who) => {
    expect(timeline([row], names)[0]?.who).toBe(who);
  });

  it('fills in the checklist texts the database gives: who recorded a date, and when', () => {
    const row = {
      item: 'conversation' as const,
      input: 'date',
      label: 'Samtale holdt (dato)',
      undo_label: null,
      hint: 'Skriv datoen som dd.mm.åååå.',
      done_text: 'Holdt {on}, registrert av {by} {at}.',
      not_done_text: 'Ikke registrert.',
      valid_until: null,
    };
    const [held, notHeld, byNobody] = checklistEntries(
      [
        {
          ...row,
          value: '2026-12-01',
          done: true,
          recorded_by: coordinatorId,
          recorded_at: '2026-12-01T22:40:00Z',
        },
        { ...row, value: null, done: false, recorded_by: null, recorded_at: null },
        {
          ...row,
          value: '2026-12-01',
          done: true,
          recorded_by: null,
          recorded_at: '2026-12-01T22:40:00Z',
        },
      ],
      null,
      names,
    );
    expect(held).toEqual({
      item: 'conversation',
      input: 'date',
      label: 'Samtale holdt (dato)',
      hint: 'Skriv datoen som dd.mm.åååå.',
      value: '2026-12-01',
      done: 'Holdt 01.12.2026, registrert av Kari Koordinator 01.12.2026 kl. 23:40.',
    });
    expect(notHeld?.done).toBe('Ikke registrert.');
    expect(notHeld?.value).toBe('');
    expect(byNobody?.done).toBe(
      'Holdt 01.12.2026, registrert av Databaseadministrator eller en automatisk jobb 01.12.2026 kl. 23:40.',
    );
  });

  it("fills in the partner's name, a certificate's last valid day, and a toggle's undo", () => {
    const [certificate, references] = checklistEntries(
      [
        {
          item: 'partnerCertificate',
          input: 'date',
          label: 'Politiattesten til medsøkeren, {partner}, kontrollert',
          undo_label: null,
          hint: null,
          value: '2026-11-30',
          done: true,
          recorded_by: '22222222-2222-4222-8222-222222222222',
          recorded_at: '2026-12-01T10:00:00Z',
          valid_until: '2027-02-28',
          done_text: 'Kontrollert av {by} {at}. Gyldig til og med {valid_until}.',
          not_done_text: 'Ikke kontrollert.',
        },
        {
          item: 'references',
          input: 'toggle',
          label: 'Referansene er sjekket',
          undo_label: 'Angre: referansene er ikke sjekket',
          hint: null,
          value: 'true',
          done: true,
          recorded_by: coordinatorId,
          recorded_at: '2026-12-01T10:00:00Z',
          valid_until: null,
          done_text: 'Referansene er sjekket av {by} {at}.',
          not_done_text: 'Referansene er ikke sjekket.',
        },
      ],
      'Ola Nordmann',
      names,
    );
    expect(certificate).toEqual({
      item: 'partnerCertificate',
      input: 'date',
      label: 'Politiattesten til medsøkeren, Ola Nordmann, kontrollert',
      value: '2026-11-30',
      done: 'Kontrollert av En tidligere koordinator 01.12.2026 kl. 11:00. Gyldig til og med 28.02.2027.',
    });
    expect(references).toEqual({
      item: 'references',
      input: 'toggle',
      label: 'Angre: referansene er ikke sjekket',
      value: 'ja',
      done: 'Referansene er sjekket av Kari Koordinator 01.12.2026 kl. 11:00.',
    });
  });
});

describe('dates and numbers the Norwegian way, in Europe/Oslo', () => {
  it.each([
    ['2026-12-01T22:40:00Z', '01.12.2026 kl. 23:40'],
    ['2026-07-01T22:40:00Z', '02.07.2026 kl. 00:40'],
    ['2026-03-29T00:30:00Z', '29.03.2026 kl. 01:30'],
    ['2026-03-29T01:30:00Z', '29.03.2026 kl. 03:30'],
  ])('%s → %s', (instant, text) => expect(formatDateTime(instant)).toBe(text));
  it.each([
    [1, '1 dag'],
    [0, '0 dager'],
    [12, '12 dager'],
  ])('%i → %s', (n, text) => expect(days(n)).toBe(text));
});

describe('stored answers under the form’s own questions', () => {
  it.each(['besokshjem', 'tilsynsperson'] as const)(
    '%s: every question of the form, with the answers given, from the stored row',
    (kind) => {
      const definition = forms[kind];
      const raw: Record<string, string | string[]> = {};
      for (const field of fieldsOf(definition)) {
        if (field.type === 'checkboxes') raw[field.name] = [field.options[0]?.value ?? ''];
        else if (field.type === 'radio') raw[field.name] = field.options[0]?.value ?? '';
        else if (field.type === 'confirm') raw[field.name] = 'ja';
      }
      Object.assign(raw, {
        fullName: 'Kari Nordmann',
        email: 'kari@example.no',
        phone: '91234567',
        streetAddress: 'Storgata 1',
        postcode: '7010',
        postalPlace: 'Trondheim',
        over18: 'ja',
        motivation: 'Jeg liker barn.',
        certificate: 'har',
        certificateIssuedOn: formatNorwegianDate(osloDate(new Date())),
        submissionId: crypto.randomUUID(),
        ...(kind === 'besokshjem'
          ? {
              // Together, so that the partner's questions are asked (and shown) too.
              applyingWith: TOGETHER,
              partnerName: 'Ola Nordmann',
              partnerPhone: '98765432',
              partnerEmail: 'ola@example.no',
              adults: '2',
              children: '0',
              childrenAges: '',
              spareBed: 'ja',
            }
          : { experienceYears: '3', childrenCapacity: '2', languages: 'Norsk' }),
      });
      const result = validate(definition, raw);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      const stored = toSubmission(kind, result.data, 'v1') as unknown as StoredApplication;
      const sections = storedAnswers(stored);
      const labels = sections.flatMap((s) => s.answers.map((a) => a.label));
      expect(labels).toEqual(fieldsOf(definition).map((f) => f.label));
      const byLabel = new Map(sections.flatMap((s) => s.answers.map((a) => [a.label, a.value])));
      for (const field of fieldsOf(definition)) {
        const value = byLabel.get(field.label);
        if (field.type === 'confirm') expect(value, field.name).toEqual(['Bekreftet']);
        if (field.type === 'radio' && raw[field.name])
          expect(value, field.name).toEqual([
            field.options.find((o) => o.value === raw[field.name])?.label,
          ]);
      }
      expect(byLabel.get('Fullt navn')).toEqual(['Kari Nordmann']);
      if (kind === 'besokshjem') {
        expect(byLabel.get('Fullt navn til den du søker sammen med')).toEqual(['Ola Nordmann']);
        expect(byLabel.get('Telefonnummeret til den du søker sammen med')).toEqual(['98765432']);
        expect(byLabel.get('E-postadressen til den du søker sammen med')).toEqual([
          'ola@example.no',
        ]);
      }
    },
  );

  // Whether two apply together is the database's derived column (applies_together).
  it.each([
    [{ applies_together: true, partner_name: 'Ola Nordmann' }, 'Ola Nordmann'],
    [{ applies_together: false, partner_name: null }, null],
    [{ applies_together: false, partner_name: 'Ola Nordmann' }, null],
  ])('the partner of %o: %s', (row, name) => {
    expect(partnerName(row)).toBe(name);
  });

  it('leaves out what the form did not ask: no partner for one applicant, no date without a certificate', () => {
    const result = validate(
      forms.besokshjem,
      visitHomeAnswers({ certificate: 'bestiller', submissionId: crypto.randomUUID() }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const stored = toSubmission('besokshjem', result.data, 'v1') as unknown as StoredApplication;
    const labels = storedAnswers(stored).flatMap((s) => s.answers.map((a) => a.label));
    const asked = fieldsOf(forms.besokshjem)
      .filter((f) => !f.showIf)
      .map((f) => f.label);
    expect(labels).toEqual(asked);
  });

  it('shows an application from before a question was asked as not answered', () => {
    const result = validate(
      forms.besokshjem,
      visitHomeAnswers({ submissionId: crypto.randomUUID() }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const stored = toSubmission('besokshjem', result.data, 'v1') as unknown as StoredApplication;
    const old: StoredApplication = {
      ...stored,
      call_time: null,
      applying_with: null,
      partner_name: null,
      partner_phone: null,
      partner_email: null,
      others_informed: null,
      adults: 1,
      children: 0,
      children_ages: null,
      spare_bed: true,
    };
    const byLabel = new Map(
      storedAnswers(old).flatMap((s) => s.answers.map((a) => [a.label, a.value])),
    );
    expect(byLabel.get('Når passer det best at vi ringer deg?')).toEqual(['Ikke svart']);
    expect(byLabel.get('Vet de andre voksne i hjemmet at du søker?')).toEqual(['Ikke svart']);
    expect(byLabel.has('Fullt navn til den du søker sammen med')).toBe(false);
  });
});

describe('the database’s refusals in Norwegian', () => {
  it.each([
    [
      { code: '23514', message: 'Politiattesten kan ikke være utstedt fram i tid (02.12.2026).' },
      'Politiattesten kan ikke være utstedt fram i tid (02.12.2026).',
    ],
    [
      { code: '42501', message: 'Bare aktive koordinatorer har tilgang til søknadene.' },
      'Bare aktive koordinatorer har tilgang til søknadene.',
    ],
    [
      { code: '42501', message: 'permission denied for table applications' },
      'Du har ikke tilgang til å gjøre dette.',
    ],
    [
      {
        code: '23514',
        message:
          'new row for relation "application_notes" violates check constraint "application_notes_body_length"',
      },
      'Notatet må ha mellom 1 og 4000 tegn.',
    ],
    [
      { code: '23514', message: 'new row for relation "x" violates check constraint "y"' },
      'Databasen godtok ikke endringen. Sjekk det du skrev.',
    ],
    [
      { code: 'PGRST000', message: 'Could not connect' },
      'Vi fikk ikke kontakt med databasen. Prøv igjen om litt.',
    ],
    [
      { message: 'TypeError: fetch failed\n    at x (file.js:1:1)' },
      'Vi fikk ikke kontakt med databasen. Prøv igjen om litt.',
    ],
  ])('%o', (error, message) => expect(dbMessage(error)).toBe(message));

  it('takes the approval guard’s list from the refusal’s DETAIL, and nothing from a message', () => {
    expect(
      refusalList({
        details: JSON.stringify([
          'Ingen koordinator har kontrollert politiattesten.',
          'Samtalen er ikke registrert som gjennomført.',
        ]),
      }),
    ).toEqual([
      'Ingen koordinator har kontrollert politiattesten.',
      'Samtalen er ikke registrert som gjennomført.',
    ]);
    for (const details of [
      'Failing row contains (Kari Nordmann).',
      '["en", 2]',
      '{"a": 1}',
      null,
      undefined,
    ])
      expect(refusalList({ details })).toEqual([]);
    expect(refusalList(null)).toEqual([]);
  });
});

describe('the workspace forms', () => {
  it.each([
    [{ reference: 'BH-2222-2222', status: 'declined' }, false],
    [{ reference: 'BH-2222-2222', status: 'declined', confirm: 'ja' }, true],
    [{ reference: 'BH-2222-2222', status: 'withdrawn' }, false],
    [{ reference: 'BH-2222-2222', status: 'in_review' }, true],
    [{ reference: 'x', status: 'in_review' }, false],
  ])('status %o → %s', (form, ok) => expect(StatusFormSchema.safeParse(form).success).toBe(ok));

  it('the partner’s certificate is an item of the checklist', () => {
    const result = ChecklistFormSchema.safeParse({
      reference: 'BH-2222-2222',
      item: 'partnerCertificate',
      date: '30.11.2026',
    });
    expect(result.data).toMatchObject({ item: 'partnerCertificate', date: '2026-11-30' });
  });

  it.each([
    [{ date: '1.12.2026' }, '2026-12-01'],
    [{ date: '' }, null],
    [{ date: '31.02.2026' }, undefined],
  ])('checklist date %o', (form, date) => {
    const result = ChecklistFormSchema.safeParse({
      reference: 'TP-2222-2222',
      item: 'conversation',
      ...form,
    });
    if (date === undefined) expect(result.success).toBe(false);
    else expect(result.data?.date).toBe(date);
  });

  it.each([
    ['', false],
    ['   ', false],
    ['Ringte søkeren.', true],
    ['x'.repeat(4001), false],
  ])('note %#', (body, ok) =>
    expect(NoteFormSchema.safeParse({ reference: 'TP-2222-2222', body }).success).toBe(ok),
  );

  it.each([
    [{ email: 'Ny@Kommune.no', name: 'Ny', role: 'coordinator' }, true],
    [{ email: 'ikke-en-adresse', name: 'Ny', role: 'coordinator' }, false],
    [{ email: 'ny@kommune.no', name: '', role: 'lead' }, false],
    [{ email: 'ny@kommune.no', name: 'Ny', role: 'admin' }, false],
  ])('invite %o → %s', (form, ok) => expect(InviteFormSchema.safeParse(form).success).toBe(ok));
});

describe('the queue search cannot widen itself', () => {
  it.each([
    ['BH-7K3M', 'reference.ilike.*BH-7K3M*,full_name.ilike.*BH-7K3M*'],
    ['  Kari  Nordmann ', 'reference.ilike.*Kari Nordmann*,full_name.ilike.*Kari Nordmann*'],
    [
      'a),status.eq.approved',
      'reference.ilike.*a status eq approved*,full_name.ilike.*a status eq approved*',
    ],
    ['%_*', undefined],
  ])('%s', (search, filter) => expect(searchFilter(search)).toBe(filter));
});
