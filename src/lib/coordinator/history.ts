/**
 * The audit log of one case as a readable timeline: who, when, and what changed from what to
 * what, in Norwegian. Personal fields are stored in the log only as {"changed": true} and are
 * shown as "endret", never with a value; what a co-applicant or referee answered is not shown at
 * all, only that they answered. Pure and free of server imports.
 */
import { questionOf } from '../forms/answers.ts';
import { ROLE_LABELS, STATUS_LABELS, formatDate, formatDateTime } from './workspace.ts';

/** One audit_log row as PostgREST returns it. */
export interface AuditEntry {
  id: number;
  occurred_at: string;
  actor_id: string | null;
  actor_role: string;
  table_name: string;
  action: string;
  row_key?: string | null;
  changes: unknown;
}

export interface TimelineEntry {
  id: number;
  when: string;
  who: string;
  what: string;
  details: string[];
}

/**
 * Column names in words; an answer's column not listed is shown by its question in the form, any
 * other by its own name.
 */
const COLUMN_LABELS: Record<string, string> = {
  status: 'Status',
  assigned_to: 'Saksbehandler',
  certificate_issued_on: 'Politiattestens utstedelsesdato',
  certificate_verified_by: 'Politiattest kontrollert av',
  partner_certificate_issued_on: 'Medsøkerens politiattest, utstedelsesdato',
  partner_certificate_verified_by: 'Medsøkerens politiattest kontrollert av',
  conversation_held_on: 'Samtale holdt',
  home_visit_held_on: 'Hjemmebesøk holdt',
  references_checked: 'Referanser sjekket',
  references_checked_by: 'Referanser sjekket av',
  last_contact_note_at: 'Siste kontakt',
  is_contact: 'Kontakt med søkeren',
  body: 'Notatteksten',
  full_name: 'Navn',
  email: 'E-post',
  phone: 'Telefon',
  call_time: 'Når vi kan ringe',
  street_address: 'Adresse',
  postcode: 'Postnummer',
  postal_place: 'Poststed',
  motivation: 'Motivasjon',
  reference: 'Referanse',
  commitment_months: 'Forpliktelse (måneder)',
  journal_reference: 'Journalnummer',
  name: 'Navn',
  role: 'Rolle',
  active: 'Aktiv',
};

/** Columns that only repeat the entry's own who and when, or are internal. */
const HIDDEN = new Set([
  'id',
  'application_id',
  'updated_at',
  'status_changed_at',
  'status_changed_by',
  'journaled_at',
  'journaled_by',
  'certificate_verified_at',
  'partner_certificate_verified_at',
  'references_checked_at',
  'created_at',
  'author_id',
  'user_id',
  'received_at',
  'submission_id',
  'kind',
  'privacy_version',
  'privacy_consent',
  'over_18',
  'confirmed_requirements',
  'certificate_status',
  'heard_about',
  'applies_together',
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T/;

function valueInWords(column: string, value: unknown, names: Map<string, string>): string {
  if (value === null || value === undefined) return 'tomt';
  if (typeof value === 'boolean') return value ? 'ja' : 'nei';
  if (typeof value === 'string') {
    if (column === 'status') return (STATUS_LABELS[value] ?? value).toLowerCase();
    if (column === 'role') return (ROLE_LABELS[value] ?? value).toLowerCase();
    if (UUID.test(value)) return names.get(value) ?? 'en tidligere koordinator';
    if (DATE.test(value)) return formatDate(value);
    if (TIMESTAMP.test(value)) return formatDateTime(value);
    return value;
  }
  return String(value);
}

/** Who made a change that no coordinator, applicant or site key made. */
export const ADMINISTRATOR = 'Databaseadministrator eller en automatisk jobb';

/** The tables of the co-applicant's and the referees' own parts (issue 24). */
const HOUSEHOLD_TABLES = new Set(['co_applicant_parts', 'referees']);

function actorInWords(entry: AuditEntry, names: Map<string, string>): string {
  if (entry.actor_id) return names.get(entry.actor_id) ?? 'En tidligere koordinator';
  // A change the applicant made on Min søknad (issue 25), through their own session.
  if (entry.actor_role === 'applicant') return 'Søkeren (Min søknad)';
  // Applications are submitted through the site's server (service_role), on the applicant's behalf;
  // the co-applicant's part and the referees come in the same submission.
  if (
    entry.actor_role === 'anon' ||
    (entry.action === 'insert' &&
      (entry.table_name === 'applications' || HOUSEHOLD_TABLES.has(entry.table_name)))
  )
    return 'Søkeren (innsending på nettsiden)';
  // An answer through a personal link comes through the site's server key too.
  if (entry.actor_role === 'service_role' && entry.table_name === 'co_applicant_parts')
    return 'Medsøkeren (egen lenke)';
  if (entry.actor_role === 'service_role' && entry.table_name === 'referees') {
    const status = statusChange(entry)?.new;
    return status === 'answered' || status === 'declined'
      ? 'Referansen (egen lenke)'
      : 'Nettstedets servernøkkel';
  }
  if (entry.actor_role === 'service_role') return 'Nettstedets servernøkkel';
  return ADMINISTRATOR;
}

/** The status change an entry records, if any. */
function statusChange(entry: AuditEntry): { old?: unknown; new?: unknown } | undefined {
  const changes = entry.changes as Record<string, { old?: unknown; new?: unknown }> | null;
  const status = changes?.['status'];
  return status && ('old' in status || 'new' in status) ? status : undefined;
}

/** The headline of a change to the co-applicant's part or a referee: what happened, never what they said. */
function householdHeadline(entry: AuditEntry): string {
  const changes = (entry.changes ?? {}) as Record<string, unknown>;
  const status = statusChange(entry)?.new;
  if (entry.table_name === 'co_applicant_parts') {
    if (entry.action === 'insert') return 'Medsøkeren fikk sin egen del av søknaden';
    if (status === 'confirmed') return 'Medsøker bekreftet';
    if (status === 'declined') return 'Medsøker svarte nei';
    if ('requested_at' in changes) return 'Lenken til medsøkeren ble sendt på nytt';
    return 'Medsøkerens del endret';
  }
  if (entry.action === 'insert') return 'Referanse oppgitt i søknaden';
  if (status === 'answered') return 'Referanse mottatt';
  if (status === 'declined') return 'Referansen ønsket ikke å svare';
  if (status === 'by_phone') return 'Referanse tatt på telefon';
  if (status === 'asked') return 'Forespørsel sendt til referansene';
  if ('reminded_at' in changes && !('requested_at' in changes))
    return 'Påminnelse sendt til referansen';
  if ('requested_at' in changes) return 'Lenken til referansen ble sendt på nytt';
  return 'Referanse endret';
}

function headline(entry: AuditEntry): string {
  if (HOUSEHOLD_TABLES.has(entry.table_name)) return householdHeadline(entry);
  if (entry.table_name === 'applications') {
    if (entry.action === 'insert') return 'Søknaden kom inn';
    if (entry.action === 'status_change')
      return entry.actor_role === 'applicant' && statusChange(entry)?.new === 'withdrawn'
        ? 'Trukket av søkeren'
        : 'Status endret';
    if (entry.actor_role === 'applicant')
      return 'erasure_requested_at' in ((entry.changes ?? {}) as object)
        ? 'Søkeren ba om sletting'
        : 'Søkeren endret kontaktopplysningene';
    if (entry.action === 'retention') return 'Søknaden ble slettet etter lagringstiden';
    const journal = (entry.changes as Record<string, { old?: unknown } | undefined> | null)?.[
      'journal_reference'
    ];
    if (journal) return journal.old ? 'Journalføringen rettet' : 'Journalført';
    return 'Søknaden endret';
  }
  if (entry.table_name === 'application_checklists')
    return entry.action === 'insert' ? 'Sjekklisten ble opprettet' : 'Sjekklisten oppdatert';
  if (entry.table_name === 'application_notes')
    return entry.action === 'insert' ? 'Notat skrevet' : 'Notat endret';
  if (entry.table_name === 'coordinators')
    return entry.action === 'insert' ? 'Lagt til på koordinatorlisten' : 'Koordinator endret';
  return 'Endring';
}

/** The case's log rows as timeline entries, in the order given. */
export function timeline(entries: AuditEntry[], names: Map<string, string>): TimelineEntry[] {
  return entries.map((entry) => {
    const details: string[] = [];
    const changes = (entry.changes ?? {}) as Record<string, unknown>;
    // For a co-applicant or referee the headline says what they did; their answers never show.
    const household = HOUSEHOLD_TABLES.has(entry.table_name);
    if (!household && (entry.action !== 'insert' || entry.table_name === 'coordinators')) {
      for (const [column, change] of Object.entries(changes)) {
        if (HIDDEN.has(column)) continue;
        const label = COLUMN_LABELS[column] ?? questionOf(column) ?? column;
        const diff = change as { changed?: boolean; old?: unknown; new?: unknown } | null;
        if (diff?.changed === true) details.push(`${label}: endret`);
        else if (diff && ('old' in diff || 'new' in diff))
          details.push(
            `${label}: ${valueInWords(column, diff.old, names)} → ${valueInWords(column, diff.new, names)}`,
          );
      }
    } else if (entry.table_name === 'application_notes') {
      const contact = (changes['is_contact'] as { new?: unknown } | undefined)?.new === true;
      if (contact) details.push('Merket som kontakt med søkeren');
    }
    const subject =
      entry.table_name === 'coordinators' && entry.row_key
        ? `: ${names.get(entry.row_key) ?? 'en tidligere koordinator'}`
        : '';
    return {
      id: entry.id,
      when: formatDateTime(entry.occurred_at),
      who: actorInWords(entry, names),
      what: `${headline(entry)}${subject}`,
      details,
    };
  });
}

/** A coordinator's name by id: '' for nobody, and someone no longer on the list said so. */
export function coordinatorName(names: Map<string, string>, id: string | null | undefined): string {
  return id ? (names.get(id) ?? 'En tidligere koordinator') : '';
}
