/**
 * One case's Noark 5 metadata, for the municipality's sak/arkiv system: an `arkivmelding` XML
 * (the message format of eFormidling and the basis of KS Fiks Arkiv) holding one incoming
 * journalpost with the archive copy as its main document. Element names and values are those of
 * Arkivverket's Noark 5 metadata catalogue (the M-numbers beside each); the README says which
 * import formats this was checked against. Holds the applicant's name and contact details as
 * the sender (korrespondansepart), as a journalpost must; the title holds no personal data.
 */
import { osloDate } from '../../dates.ts';
import { partnerName } from '../../forms/answers.ts';
import type { ApplicationRow } from '../screening/case.ts';
import { applicationKind } from './case-pdf.ts';

/** The system the portal names itself as (arkivmelding `system`, the external key's fagsystem). */
export const SYSTEM_NAME = 'Fosterportal';

/** XML text with the five special characters escaped (and no control characters). */
function xml(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const element = (indent: number, name: string, value: string) =>
  `${' '.repeat(indent)}<${name}>${xml(value)}</${name}>`;

interface Party {
  name: string;
  email: string | null;
  phone: string | null;
  street?: string;
  postcode?: string;
  place?: string;
}

/** A sender (korrespondansepart, type «Avsender», M087) with what is known of them. */
function sender(party: Party): string[] {
  return [
    '    <korrespondansepart>',
    element(6, 'korrespondanseparttype', 'Avsender'), // M087
    element(6, 'korrespondansepartNavn', party.name), // M400
    ...(party.street ? [element(6, 'postadresse', party.street)] : []), // M406
    ...(party.postcode ? [element(6, 'postnummer', party.postcode)] : []), // M407
    ...(party.place ? [element(6, 'poststed', party.place)] : []), // M408
    ...(party.email ? [element(6, 'epostadresse', party.email)] : []), // M410
    ...(party.phone ? [element(6, 'telefonnummer', party.phone)] : []), // M411
    '    </korrespondansepart>',
  ];
}

/**
 * The arkivmelding of one case: one journalpost («Inngående dokument», M082), dated the day the
 * application came in (dokumentetsDato M103, mottattDato M104), the applicant (and the partner
 * who applies with them) as senders, the portal's reference as the external reference (M413) and
 * key, and `pdfFile` as its main document in archive format (M217, M700, M218).
 */
export function arkivmelding(application: ApplicationRow, pdfFile: string, made: Date): string {
  const title = applicationKind(application.kind);
  const partner = partnerName(application);
  const parties: Party[] = [
    {
      name: application.full_name,
      email: application.email,
      phone: application.phone,
      street: application.street_address,
      postcode: application.postcode,
      place: application.postal_place,
    },
    ...(partner
      ? [{ name: partner, email: application.partner_email, phone: application.partner_phone }]
      : []),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<arkivmelding xmlns="http://www.arkivverket.no/standarder/noark5/arkivmelding"',
    '    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    element(2, 'system', SYSTEM_NAME),
    element(2, 'meldingId', application.id),
    element(2, 'tidspunkt', made.toISOString()),
    element(2, 'antallFiler', '1'),
    '  <registrering xsi:type="journalpost">',
    element(4, 'opprettetDato', application.received_at), // M600
    element(4, 'tittel', `${title}, ${application.reference}`), // M020
    '    <dokumentbeskrivelse>',
    element(6, 'dokumenttype', 'Søknad'), // M083
    element(6, 'dokumentstatus', 'Dokumentet er ferdigstilt'), // M054
    element(6, 'tittel', `${title}, ${application.reference}`), // M020
    element(6, 'tilknyttetRegistreringSom', 'Hoveddokument'), // M217
    element(6, 'dokumentnummer', '1'), // M007
    '      <dokumentobjekt>',
    element(8, 'versjonsnummer', '1'), // M005
    element(8, 'variantformat', 'Arkivformat'), // M700
    element(8, 'format', 'PDF/A-2a'), // M701
    element(8, 'referanseDokumentfil', pdfFile), // M218
    '      </dokumentobjekt>',
    '    </dokumentbeskrivelse>',
    '    <referanseEksternNoekkel>',
    element(6, 'fagsystem', SYSTEM_NAME),
    element(6, 'noekkel', application.reference),
    '    </referanseEksternNoekkel>',
    element(4, 'journalposttype', 'Inngående dokument'), // M082
    element(4, 'dokumentetsDato', osloDate(new Date(application.received_at))), // M103
    element(4, 'mottattDato', application.received_at), // M104
    ...parties.flatMap(sender),
    element(4, 'eksternReferanse', application.reference), // M413
    '  </registrering>',
    '</arkivmelding>',
    '',
  ].join('\n');
}
