// The checklist on the case page: the texts the database gives for each item, filled in with who
// recorded a date and when, the partner's name, a certificate's last valid day and a toggle's undo.
import { describe, expect, it } from 'vitest';
import { checklistEntries } from '../../../src/components/workspace/case/checklist-entries.ts';

const coordinatorId = '11111111-1111-4111-8111-111111111111';
const names = new Map([[coordinatorId, 'Kari Koordinator']]);

describe('the checklist entries', () => {
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

describe('the references item counted from the referees (issue 24)', () => {
  it('is derived: no form, the counted sentence as the database gives it', () => {
    const [entry] = checklistEntries(
      [
        {
          item: 'references',
          input: 'derived',
          label: 'Referanser',
          undo_label: null,
          hint: null,
          value: '2',
          done: true,
          recorded_by: null,
          recorded_at: '2026-12-01T22:40:00Z',
          valid_until: null,
          done_text: '2 av 2 referanser er mottatt eller tatt på telefon.',
          not_done_text: 'Bare 0 av 2 referanser er mottatt eller tatt på telefon.',
        },
      ],
      null,
      names,
    );
    expect(entry?.input).toBe('derived');
    expect(entry?.done).toBe('2 av 2 referanser er mottatt eller tatt på telefon.');
  });
});
