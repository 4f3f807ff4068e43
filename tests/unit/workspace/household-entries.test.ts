// The co-applicant's part and the referees in words, as the case page and the archive copy show
// them: each state with when, what the co-applicant gave, the referees' answers under the
// questions' texts, and which buttons are offered in which state.
import { describe, expect, it } from 'vitest';
import {
  canRequestReferences,
  coApplicantEntry,
  refereeEntries,
  type CoApplicantPart,
  type RefereeRow,
} from '../../../src/components/workspace/case/household-entries.ts';

const now = new Date('2026-12-05T12:00:00Z');
const pending: CoApplicantPart = {
  status: 'pending',
  requested_at: '2026-12-01T09:00:00Z',
  expires_at: '2026-12-22T09:00:00Z',
  answered_at: null,
  over_18: null,
  phone: null,
  call_time: null,
  certificate_status: null,
  certificate_issued_on: null,
  privacy_version: null,
};
const coordinatorId = '11111111-1111-4111-8111-111111111111';
const nameOf = (id: string | null) => (id === coordinatorId ? 'Kari Koordinator' : '');
const referee = (overrides: Partial<RefereeRow>): RefereeRow => ({
  id: `id-${overrides.position ?? 1}`,
  position: 1,
  full_name: 'Rita Referanse',
  relation: 'Nabo i ti år',
  phone: '91234567',
  email: 'rita@example.no',
  status: 'not_asked',
  requested_at: null,
  reminded_at: null,
  expires_at: null,
  answered_at: null,
  answers: null,
  phone_note: null,
  recorded_by: null,
  ...overrides,
});
const questions = [
  { id: 'kjennskap', label: 'Hvor lenge har du kjent {navn}?' },
  { id: 'med-barn', label: 'Hvordan er {navn} sammen med barn?' },
];

describe("the co-applicant's part in words", () => {
  it('pending: waiting, since when and until when, and the link can be sent again', () => {
    const entry = coApplicantEntry(pending, 'Ola Testesen', now);
    expect(entry.state).toBe(
      'Venter på svar fra Ola Testesen. Lenken ble sendt 01.12.2026 kl. 10:00 og gjelder til 22.12.2026 kl. 10:00.',
    );
    expect(entry.details).toEqual([]);
    expect(entry.canResend).toBe(true);
  });

  it('pending with an expired link says so', () => {
    const entry = coApplicantEntry(pending, 'Ola', new Date('2026-12-23T00:00:00Z'));
    expect(entry.state).toContain('Ola har ikke svart.');
    expect(entry.state).toContain('gikk ut 22.12.2026');
  });

  it('confirmed: what they gave, with the main form’s wording for the time to call', () => {
    const entry = coApplicantEntry(
      {
        ...pending,
        status: 'confirmed',
        answered_at: '2026-12-03T14:30:00Z',
        over_18: true,
        phone: '98765432',
        call_time: 'ettermiddag',
        certificate_status: 'har',
        certificate_issued_on: '2026-11-20',
        privacy_version: '2.3',
      },
      'Ola Testesen',
      now,
    );
    expect(entry.state).toBe(
      'Ola Testesen bekreftet 03.12.2026 kl. 15:30 at de søker sammen med søkeren.',
    );
    expect(entry.details).toEqual([
      { label: '18 år eller eldre', value: 'Ja' },
      { label: 'Telefonnummer', value: '98765432' },
      { label: 'Når vi kan ringe', value: 'Ettermiddag, kl. 12–16' },
      { label: 'Politiattest', value: 'Har politiattest, utstedt 20.11.2026' },
      { label: 'Personvernerklæringen', value: 'Har lest versjon 2.3' },
      { label: 'Svarte', value: '03.12.2026 kl. 15:30' },
    ]);
    expect(entry.canResend).toBe(false);
  });

  it('declined: the case says so, and nothing is sent again', () => {
    const entry = coApplicantEntry(
      { ...pending, status: 'declined', answered_at: '2026-12-03T14:30:00Z' },
      'Ola',
      now,
    );
    expect(entry.state).toContain('Ola svarte 03.12.2026 kl. 15:30 at de ikke søker sammen');
    expect(entry.canResend).toBe(false);
  });
});

describe('the referees in words', () => {
  it('each state, in the order given, with the buttons each allows', () => {
    const entries = refereeEntries(
      [
        referee({
          position: 4,
          status: 'by_phone',
          answered_at: '2026-12-04T10:00:00Z',
          recorded_by: coordinatorId,
          phone_note: 'Ringte.\nKjenner henne godt.',
        }),
        referee({
          position: 2,
          status: 'asked',
          requested_at: '2026-12-01T09:00:00Z',
          expires_at: '2026-12-22T09:00:00Z',
        }),
        referee({ position: 1 }),
        referee({ position: 3, status: 'declined', answered_at: '2026-12-02T10:00:00Z' }),
      ],
      questions,
      'Kari',
      nameOf,
      now,
    );
    expect(entries.map((e) => [e.heading, e.state, e.canResend, e.canRecordByPhone])).toEqual([
      ['Referanse 1: Rita Referanse', 'Ikke spurt ennå.', false, true],
      [
        'Referanse 2: Rita Referanse',
        'Spurt 01.12.2026 kl. 10:00, venter på svar. Lenken gjelder til 22.12.2026 kl. 10:00.',
        true,
        true,
      ],
      [
        'Referanse 3: Rita Referanse',
        'Ønsket ikke å gi referanse (svarte 02.12.2026 kl. 11:00).',
        false,
        true,
      ],
      [
        'Referanse 4: Rita Referanse',
        'Tatt på telefon av Kari Koordinator, 04.12.2026 kl. 11:00.',
        false,
        false,
      ],
    ]);
    expect(entries[3]?.answers).toEqual([
      { label: 'Notat fra samtalen', value: 'Ringte.\nKjenner henne godt.' },
    ]);
  });

  it("an answer under its question's text, the applicant's name filled in, in the definition's order", () => {
    const [entry] = refereeEntries(
      [
        referee({
          status: 'answered',
          answered_at: '2026-12-04T10:00:00Z',
          answers: { 'med-barn': 'Trygg og rolig.', kjennskap: 'Ti år.', annet: '', gammel: 'X' },
        }),
      ],
      questions,
      'Kari Testesen',
      nameOf,
      now,
    );
    expect(entry?.answers).toEqual([
      { label: 'Hvor lenge har du kjent Kari Testesen?', value: 'Ti år.' },
      { label: 'Hvordan er Kari Testesen sammen med barn?', value: 'Trygg og rolig.' },
      { label: 'Spørsmål «gammel»', value: 'X' },
    ]);
    expect(entry?.canRecordByPhone).toBe(false);
  });

  it('the requests can be sent while one is not asked or their link has expired', () => {
    const asked = referee({ status: 'asked', expires_at: '2026-12-22T09:00:00Z' });
    expect(canRequestReferences([asked, referee({ position: 2 })], now)).toBe(true);
    expect(canRequestReferences([asked], now)).toBe(false);
    expect(canRequestReferences([asked], new Date('2026-12-23T00:00:00Z'))).toBe(true);
    expect(canRequestReferences([referee({ status: 'answered' })], now)).toBe(false);
  });
});
