/**
 * Where each answer is stored: form field → column of public.applications, → key of its
 * `details`, or → requirement code, and the validated answers turned into the payload of
 * public.submit_application. The workspace reads stored applications back through the same maps
 * (answers.ts).
 */
import type { ApplicationKind } from '../reference.ts';
import type { Application } from './index.ts';
import { SUPERVISOR_REQUIREMENTS } from './supervisor.ts';
import { VISIT_HOME_REQUIREMENTS } from './visit-home.ts';

/** Form field → column, for the answers both forms ask. */
export const COLUMNS = {
  submissionId: 'submission_id',
  fullName: 'full_name',
  email: 'email',
  phone: 'phone',
  callTime: 'call_time',
  streetAddress: 'street_address',
  postcode: 'postcode',
  postalPlace: 'postal_place',
  over18: 'over_18',
  motivation: 'motivation',
  certificate: 'certificate_status',
  certificateIssuedOn: 'certificate_issued_on',
  commitmentMonths: 'commitment_months',
  heardAbout: 'heard_about',
  consent: 'privacy_consent',
} as const;

/** Form field → key of `details`, for the answers only one role's form asks. */
export const DETAILS = {
  besokshjem: {
    applyingWith: 'applying_with',
    partnerName: 'partner_name',
    partnerPhone: 'partner_phone',
    partnerEmail: 'partner_email',
    adults: 'adults',
    othersInformed: 'others_informed',
    children: 'children',
    childrenAges: 'children_ages',
    spareBed: 'spare_bed',
    weekendsPerMonth: 'weekends_per_month',
    alsoAvailable: 'also_available',
    siblings: 'siblings',
    suitedAges: 'suited_ages',
  },
  tilsynsperson: {
    experienceKinds: 'experience_kinds',
    experienceYears: 'experience_years',
    availability: 'availability',
    childrenCapacity: 'children_capacity',
    languages: 'languages',
  },
} as const satisfies Record<ApplicationKind, Record<string, string>>;

/** Confirmation field → requirement code, by kind. */
export const REQUIREMENTS = {
  besokshjem: VISIT_HOME_REQUIREMENTS,
  tilsynsperson: SUPERVISOR_REQUIREMENTS,
} as const satisfies Record<ApplicationKind, Record<string, string>>;

/** The validated answers as the database function `submit_application` takes them. */
export function toSubmission(
  kind: ApplicationKind,
  data: Application,
  privacyVersion: string,
): Record<string, unknown> {
  const answers = data as Record<string, unknown>;
  const payload: Record<string, unknown> = { kind, privacy_version: privacyVersion };
  for (const [field, column] of Object.entries(COLUMNS)) payload[column] = answers[field];
  payload['confirmed_requirements'] = Object.entries(REQUIREMENTS[kind])
    .filter(([field]) => answers[field] === true)
    .map(([, code]) => code);
  payload['details'] = Object.fromEntries(
    Object.entries(DETAILS[kind]).map(([field, key]) => [key, answers[field]]),
  );
  return payload;
}
