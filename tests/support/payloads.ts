import { randomUUID } from 'node:crypto';

import { TOGETHER } from '../../src/lib/forms/household.ts';
import { withDb } from './db.ts';

/**
 * A payload for public.submit_application, as the site sends it: flat, each key the column of
 * public.applications the answer is stored in.
 */
export type Payload = Record<string, unknown>;

/** What each kind must confirm and answer, exactly as the database checks it. */
const roleParts = {
  besokshjem: {
    confirmed_requirements: [
      'stabil-livssituasjon',
      'overskudd-og-tid',
      'glad-i-barn',
      'trygge-rutiner',
    ],
    applying_with: 'alene',
    partner_name: null,
    partner_phone: null,
    partner_email: null,
    adults: 2,
    others_informed: 'ja',
    children: 1,
    children_ages: '7',
    spare_bed: true,
    weekends_per_month: 1,
    also_available: ['ferier'],
    siblings: 'kanskje',
    suited_ages: ['6-12'],
  },
  tilsynsperson: {
    confirmed_requirements: ['kontakt-med-barn', 'stabil-livssituasjon'],
    experience_kinds: ['jobb'],
    experience_years: 3,
    availability: ['kveld'],
    children_capacity: 2,
    languages: null,
  },
} as const;

/** A visit home's partner, for two who apply together (spread it into a visit home's payload). */
export const partner = {
  applying_with: TOGETHER,
  partner_name: 'Ola Nordmann',
  partner_phone: '98765432',
  partner_email: 'ola@example.no',
} as const;

/** How many referees the forms ask for by default (public.screening_settings.referees_wanted). */
export const REFEREES_WANTED = 2;

/** `count` valid referees, as the form sends them (none of them the applicant). */
export const refereesPayload = (count = REFEREES_WANTED) =>
  Array.from({ length: count }, (_, i) => ({
    full_name: `Referanse Testesen ${i + 1}`,
    relation: 'Kollega i fem år',
    phone: `4000000${i}`,
    email: `referanse.${i + 1}.${randomUUID().slice(0, 8)}@example.no`,
  }));

/**
 * A valid application of `kind` for the database tests: a fresh submission id and e-mail each
 * time, no police certificate yet (so it is valid on any date), the referees the service wants,
 * and `overrides` on top.
 */
export function applicationPayload(
  kind: 'besokshjem' | 'tilsynsperson',
  overrides: Payload = {},
): Payload {
  return {
    submission_id: randomUUID(),
    kind,
    full_name: 'Kari Nordmann',
    email: `kari-${randomUUID().slice(0, 8)}@example.no`,
    phone: '91234567',
    call_time: 'formiddag',
    street_address: 'Storgata 1',
    postcode: '7010',
    postal_place: 'Trondheim',
    over_18: true,
    motivation: 'Jeg liker barn.',
    certificate_status: 'bestiller',
    certificate_issued_on: null,
    commitment_months: 12,
    ...roleParts[kind],
    heard_about: 'nettside',
    privacy_consent: true,
    privacy_version: '1.0',
    referees: refereesPayload(),
    ...overrides,
  };
}

/** The answers only `kind`'s form asks (the columns of the other kind stay null). */
export function roleAnswers(kind: 'besokshjem' | 'tilsynsperson'): Payload {
  const { confirmed_requirements: _, ...answers } = roleParts[kind];
  return { ...answers };
}

/**
 * SQL that inserts the payload given as $1 (jsonb) straight into public.applications, as the
 * database owner: each key into the column of its name, and `columns` (SQL expressions by column)
 * instead of or besides them. For tests of the table's own checks, which submit_application would
 * never reach.
 */
export function insertPayloadSql(payload: Payload, columns: Record<string, string> = {}): string {
  // The referees are rows of public.referees, not a column.
  const keys = Object.keys(payload).filter(
    (key) => payload[key] !== undefined && !(key in columns) && key !== 'referees',
  );
  return `insert into public.applications (${[...keys, ...Object.keys(columns)].join(', ')})
    select ${[...keys.map((key) => `r.${key}`), ...Object.values(columns)].join(', ')}
      from jsonb_populate_record(null::public.applications, $1::jsonb) as r`;
}

/**
 * Inserts `payload` straight into public.applications as the database owner (insertPayloadSql,
 * with `columns`; `values` are the parameters $2, … they use), in a transaction that is rolled
 * back. Returns 'accepted', or the name of the constraint that refused the row. A refused row is
 * the point, so its "Failing row contains" detail is kept out of the stack's log.
 */
export function insertOutcome(
  payload: Payload,
  columns: Record<string, string>,
  values: unknown[] = [],
): Promise<string> {
  return withDb(async (db) => {
    await db.query('begin');
    await db.query("set local log_min_messages = 'fatal'");
    try {
      await db.query(insertPayloadSql(payload, columns), [JSON.stringify(payload), ...values]);
      return 'accepted';
    } catch (error) {
      return (error as { constraint?: string }).constraint ?? String(error);
    } finally {
      await db.query('rollback');
    }
  });
}
