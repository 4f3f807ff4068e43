/**
 * The applicant's copy of what they gave (GDPR art. 15) as a tagged PDF/A-2a, made with the
 * archive's writer (../archive/tagged-pdf.ts): the application's facts, its status, and every
 * answer under the form's own question. Only what public.applicant_page returned for the holder;
 * no notes, no checklist, no referee's answers.
 */
import { applicantAnswers } from '../../applicant/answers.ts';
import { CO_APPLICANT_TEXT, roleName } from '../../applicant/texts.ts';
import { STATUS_LABELS, formatDateTime } from '../../coordinator/workspace.ts';
import { TaggedPdf } from '../archive/tagged-pdf.ts';
import type { ApplicantApplication } from './calls.ts';

export async function answersPdf(
  application: ApplicantApplication,
  issuer: { municipality: string; unit: string },
  at: Date,
): Promise<Uint8Array> {
  const title = `Søknad om å bli ${roleName(application.kind)}, ${application.reference}`;
  const pdf = new TaggedPdf({
    title,
    subject: `Det du har gitt ${issuer.unit.toLowerCase()} i ${issuer.municipality}`,
    author: `${issuer.municipality}, ${issuer.unit}`,
    created: at,
  });
  pdf.paragraph(`${issuer.municipality}, ${issuer.unit}`);
  pdf.heading(1, title);
  pdf.labelled([
    { label: 'Referanse', lines: [application.reference] },
    { label: 'Sendt', lines: [formatDateTime(application.received_at)] },
    { label: 'Status', lines: [STATUS_LABELS[application.status] ?? application.status] },
    ...(application.co_applicant
      ? [
          {
            label: 'Den du søker sammen med',
            lines: [CO_APPLICANT_TEXT[application.co_applicant] ?? ''],
          },
        ]
      : []),
    ...(application.referees && application.referees.wanted > 0
      ? [
          {
            label: 'Referanser',
            lines: [`${application.referees.done} av ${application.referees.wanted} har svart`],
          },
        ]
      : []),
    { label: 'Lastet ned', lines: [formatDateTime(at)] },
  ]);
  pdf.heading(2, 'Svarene dine');
  pdf.paragraph('Svarene under spørsmålene i søknadsskjemaet, slik vi har dem lagret nå.');
  for (const section of applicantAnswers(application.kind, application.answers)) {
    pdf.heading(2, section.title);
    pdf.labelled(section.answers.map((a) => ({ label: a.label, lines: a.value })));
  }
  return pdf.end();
}
