/**
 * The case's checklist as the page shows it, built in this one place: one entry per item the case
 * needs (the partner's certificate only for two who apply together, the home visit only for a
 * visit home), each with its label, hint, stored value, what has been done and by whom, and
 * whether it is a date or a toggle. The Checklist section renders entries of this one shape.
 */
import type { ChecklistItem } from '../../../lib/coordinator/forms.ts';
import { coordinatorName, recordedBy, type AuditEntry } from '../../../lib/coordinator/history.ts';
import { formatDate, formatDateTime } from '../../../lib/coordinator/workspace.ts';
import { certificateValidUntil } from '../../../lib/dates.ts';
import type { ChecklistRow } from '../../../lib/server/screening/case.ts';

export interface ChecklistEntry {
  item: ChecklistItem;
  /** A date is typed (dd.mm.åååå; empty clears it); a toggle is one button that flips it. */
  input: 'date' | 'toggle';
  /** The date field's label; for a toggle, the button's text (what pressing it records). */
  label: string;
  hint?: string;
  /** The stored value: an ISO date or '' for a date; 'ja' or '' for a toggle. */
  value: string;
  /** What has been done, by whom and when, or that it has not. */
  done: string;
}

export interface ChecklistCase {
  kind: string;
  /** The partner's name when two apply together, else null. */
  partner: string | null;
  checklist: ChecklistRow | null;
  /** The case's audit log, newest first (who recorded a date that has no "by" column). */
  history: AuditEntry[];
  names: Map<string, string>;
}

const CERTIFICATE_HINT =
  'Skriv datoen som dd.mm.åååå. La feltet stå tomt og lagre for å fjerne kontrollen.';
const DATE_HINT = 'Skriv datoen som dd.mm.åååå.';

/** The checklist entries this case needs, in the order the page lists them. */
export function checklistEntries({
  kind,
  partner,
  checklist,
  history,
  names,
}: ChecklistCase): ChecklistEntry[] {
  const nameOf = (id: string | null | undefined) => coordinatorName(names, id);
  const verified = (by: string | null | undefined, at: string | null | undefined, on: string) =>
    `${nameOf(by)} ${formatDateTime(at ?? '')}. Gyldig til og med ${formatDate(certificateValidUntil(on))}.`;
  const held = (column: string, on: string | null | undefined) => {
    const by = recordedBy(history, column, names);
    return on
      ? `Holdt ${formatDate(on)}${by ? `, registrert av ${by.who} ${by.when}` : ''}.`
      : 'Ikke registrert.';
  };
  const entries: ChecklistEntry[] = [
    {
      item: 'certificate',
      input: 'date',
      label: 'Politiattest kontrollert: utstedelsesdato som står på attesten',
      hint: CERTIFICATE_HINT,
      value: checklist?.certificate_issued_on ?? '',
      done: checklist?.certificate_verified_by
        ? `Kontrollert av ${verified(checklist.certificate_verified_by, checklist.certificate_verified_at, checklist.certificate_issued_on ?? '')}`
        : 'Ikke kontrollert.',
    },
  ];
  // Two who apply together are both assessed: the partner's certificate is on the checklist too.
  if (partner)
    entries.push({
      item: 'partnerCertificate',
      input: 'date',
      label: `Politiattesten til medsøkeren, ${partner}, kontrollert: utstedelsesdato som står på attesten`,
      hint: CERTIFICATE_HINT,
      value: checklist?.partner_certificate_issued_on ?? '',
      done: checklist?.partner_certificate_verified_by
        ? `Medsøkerens politiattest er kontrollert av ${verified(checklist.partner_certificate_verified_by, checklist.partner_certificate_verified_at, checklist.partner_certificate_issued_on ?? '')}`
        : 'Medsøkerens politiattest er ikke kontrollert.',
    });
  entries.push({
    item: 'conversation',
    input: 'date',
    label: 'Samtale holdt (dato)',
    hint: DATE_HINT,
    value: checklist?.conversation_held_on ?? '',
    done: held('conversation_held_on', checklist?.conversation_held_on),
  });
  if (kind === 'besokshjem')
    entries.push({
      item: 'homeVisit',
      input: 'date',
      label: 'Hjemmebesøk holdt (dato)',
      hint: DATE_HINT,
      value: checklist?.home_visit_held_on ?? '',
      done: held('home_visit_held_on', checklist?.home_visit_held_on),
    });
  const checked = checklist?.references_checked === true;
  entries.push({
    item: 'references',
    input: 'toggle',
    label: checked ? 'Angre: referansene er ikke sjekket' : 'Referansene er sjekket',
    value: checked ? 'ja' : '',
    done: checked
      ? `Referansene er sjekket av ${nameOf(checklist?.references_checked_by)} ${formatDateTime(checklist?.references_checked_at ?? '')}.`
      : 'Referansene er ikke sjekket.',
  });
  return entries;
}
