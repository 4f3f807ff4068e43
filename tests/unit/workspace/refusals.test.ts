// The database's refusals as the workspace shows them: in Norwegian, and the approval guard's list
// read from the refusal's DETAIL, never parsed from a message.
import { describe, expect, it } from 'vitest';
import { dbMessage, refusalList } from '../../../src/lib/server/screening/errors.ts';

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
      // The coordinator list would be left without an active lead: the database's own words.
      {
        code: 'PT409',
        message: 'Det må alltid være minst én aktiv leder.',
        hint: 'last_active_lead',
      },
      'Det må alltid være minst én aktiv leder.',
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
