import { randomUUID } from 'node:crypto';

/** A payload for public.submit_application, as the site sends it. */
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
    details: {
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
  },
  tilsynsperson: {
    confirmed_requirements: ['kontakt-med-barn', 'stabil-livssituasjon'],
    details: {
      experience_kinds: ['jobb'],
      experience_years: 3,
      availability: ['kveld'],
      children_capacity: 2,
      languages: null,
    },
  },
} as const;

/**
 * A valid application of `kind` for the database tests: a fresh submission id and e-mail each
 * time, no police certificate yet (so it is valid on any date), and `overrides` on top.
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
    ...overrides,
  };
}
