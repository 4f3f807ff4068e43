/**
 * One case as its archive copy (PDF/A-2a): the municipality, the reference and time received, the
 * application under the form's own questions (read back from the form definitions, the partner's
 * part included where two apply together), the co-applicant's own part and the referees (their
 * states, and their answers under the questions' texts), and, once the case has ended, the checklist, the
 * outcome and the history (the audit log as the workspace shows it: personal fields only as
 * "endret"). Uses the workspace's own readers of a case, so the copy says what the case page says.
 */
import { checklistEntries } from '../../../components/workspace/case/checklist-entries.ts';
import {
  coApplicantEntry,
  refereeEntries,
  type CoApplicantPart,
  type Question,
  type RefereeRow,
} from '../../../components/workspace/case/household-entries.ts';
import { coordinatorName, timeline } from '../../coordinator/history.ts';
import {
  KIND_LABELS,
  STATUS_LABELS,
  formatDateTime,
  hasEnded,
} from '../../coordinator/workspace.ts';
import { partnerName, storedAnswers } from '../../forms/answers.ts';
import type {
  ApplicationRow,
  AuditRow,
  ChecklistRow,
  CoordinatorEntry,
} from '../screening/case.ts';
import { TaggedPdf } from './tagged-pdf.ts';

/** What the archive copy of one case is made from, read as the coordinator. */
export interface ArchiveCase {
  application: ApplicationRow;
  coApplicant: CoApplicantPart | null;
  referees: RefereeRow[];
  checklist: ChecklistRow[];
  history: AuditRow[];
  coordinators: CoordinatorEntry[];
}

/**
 * Who issues the copy: the municipality and its unit, from the profile, and its reference
 * questions (content/referanse/), under which the referees' answers are shown.
 */
export interface Issuer {
  municipality: string;
  unit: string;
  referenceQuestions?: Question[];
}

/** The document's title, without personal data: the role applied for and the reference. */
export function caseTitle(application: Pick<ApplicationRow, 'kind' | 'reference'>): string {
  return `${applicationKind(application.kind)}, sak ${application.reference}`;
}

/** "Søknad om å bli besøkshjem" / "… tilsynsperson". */
export function applicationKind(kind: string): string {
  return `Søknad om å bli ${(KIND_LABELS[kind] ?? kind).toLowerCase()}`;
}

/** The archive copy of `found` as PDF/A-2a bytes. */
export async function casePdf(
  found: ArchiveCase,
  issuer: Issuer,
  made: { at: Date; by: string },
): Promise<Uint8Array> {
  const { application } = found;
  const names = new Map(found.coordinators.map((c) => [c.user_id, c.name]));
  const nameOf = (id: string | null | undefined) => coordinatorName(names, id);
  const partner = partnerName(application);
  const ended = hasEnded(application.status);
  const pdf = new TaggedPdf({
    title: caseTitle(application),
    subject: `Arkivkopi fra søknadsportalen til ${issuer.municipality}`,
    author: `${issuer.municipality}, ${issuer.unit}`,
    created: made.at,
  });

  pdf.paragraph(`${issuer.municipality}, ${issuer.unit}`);
  pdf.heading(1, caseTitle(application));
  pdf.labelled([
    { label: 'Referanse', lines: [application.reference] },
    { label: 'Søker', lines: [application.full_name] },
    ...(partner ? [{ label: 'Søker sammen med', lines: [partner] }] : []),
    { label: 'Mottatt', lines: [formatDateTime(application.received_at)] },
    { label: 'Status', lines: [STATUS_LABELS[application.status] ?? application.status] },
    { label: 'Saksbehandler', lines: [nameOf(application.assigned_to) || 'Ingen'] },
    {
      label: 'Personvernerklæringen søkeren godtok',
      lines: [`Versjon ${application.privacy_version}`],
    },
    {
      label: 'Arkivkopien er laget',
      lines: [`${formatDateTime(made.at)} av ${made.by}, fra søknadsportalen`],
    },
  ]);

  pdf.heading(2, 'Søknaden');
  pdf.paragraph('Svarene under spørsmålene i søknadsskjemaet, slik søkeren sendte dem.');
  for (const section of storedAnswers(application)) {
    pdf.heading(2, section.title);
    pdf.labelled(section.answers.map((a) => ({ label: a.label, lines: a.value })));
  }

  householdParts(pdf, found, partner, issuer.referenceQuestions ?? [], nameOf, made.at);

  if (!ended) {
    pdf.heading(2, 'Saken er ikke avsluttet');
    pdf.paragraph(
      'Sjekklisten, utfallet og historikken tas med i arkivkopien når saken er avsluttet.',
    );
    return pdf.end();
  }

  pdf.heading(2, 'Sjekkliste');
  pdf.entries(
    checklistEntries(found.checklist, partner, names).map((entry) => [entry.label, entry.done]),
  );

  pdf.heading(2, 'Utfall');
  pdf.labelled([
    { label: 'Utfall', lines: [STATUS_LABELS[application.status] ?? application.status] },
    {
      label: 'Registrert',
      lines: [
        application.status_changed_at
          ? `${formatDateTime(application.status_changed_at)} av ${nameOf(application.status_changed_by) || 'ukjent'}`
          : 'Ukjent tidspunkt',
      ],
    },
  ]);

  pdf.heading(2, 'Historikk');
  pdf.paragraph(
    'Fra loggen i databasen, eldste først. Personopplysninger vises bare som «endret».',
  );
  const history = timeline([...found.history].reverse(), names);
  pdf.entries(history.map((e) => [`${e.when}: ${e.what}`, `Av: ${e.who}`, ...e.details]));
  return pdf.end();
}

/** The co-applicant's own part and the referees, as the case page shows them on `at`. */
function householdParts(
  pdf: TaggedPdf,
  found: ArchiveCase,
  partner: string | null,
  questions: Question[],
  nameOf: (id: string | null | undefined) => string,
  at: Date,
): void {
  if (found.coApplicant && partner) {
    const entry = coApplicantEntry(found.coApplicant, partner, at);
    pdf.heading(2, 'Medsøkerens del');
    pdf.paragraph(entry.state);
    if (entry.details.length > 0)
      pdf.labelled(entry.details.map((d) => ({ label: d.label, lines: [d.value] })));
  }
  if (found.referees.length === 0) return;
  pdf.heading(2, 'Referanser');
  pdf.paragraph(
    `${found.application.referees_wanted} referanser trengs. Svarene står under spørsmålene referansene fikk.`,
  );
  for (const entry of refereeEntries(
    found.referees,
    questions,
    found.application.full_name,
    nameOf,
    at,
  )) {
    pdf.labelled([
      { label: entry.heading, lines: [entry.state] },
      ...entry.details.map((d) => ({ label: d.label, lines: [d.value] })),
      ...entry.answers.map((a) => ({ label: a.label, lines: a.value.split('\n') })),
    ]);
  }
}
