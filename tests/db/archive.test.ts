// The archive copy: a case read as a coordinator through PostgREST and rendered as PDF/A-2a,
// checked with poppler as an archive would (PDF/A-2 identification in the XMP metadata, every font
// embedded, tagged, every answer in its text, the partner's part); the bulk export of ended cases
// as a ZIP with one PDF and one Noark 5 arkivmelding per case, read as a lead.
import { randomUUID } from 'node:crypto';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { storedAnswers } from '../../src/lib/forms/answers.ts';
import { casePdf, type Issuer } from '../../src/lib/server/archive/case-pdf.ts';
import { archiveEntries, zipStream } from '../../src/lib/server/archive/export.ts';
import { endedCases } from '../../src/lib/server/archive/load.ts';
import { loadCase, type Case } from '../../src/lib/server/screening/case.ts';
import { addUser, anon } from '../support/db.ts';
import { newCase, referenceOf, together, walk, type Db } from '../support/screening.ts';
import { oneLine, readPdf } from '../support/poppler.ts';

const issuer: Issuer = { municipality: 'Prøvestad kommune', unit: 'Barnevernstjenesten' };
const made = { at: new Date(), by: 'Test Koordinator' };
let coordinator: Db;
let lead: Db;

beforeAll(async () => {
  coordinator = await addUser(randomUUID(), { name: 'Test Koordinator' });
  lead = await addUser(randomUUID(), { name: 'Test Leder', role: 'lead' });
});

async function caseAs(as: Db, id: string): Promise<Case> {
  const found = await loadCase(as, await referenceOf(id));
  if (!found) throw new Error('the coordinator could not read the case');
  return found;
}

describe('the archive copy of one case (PDF/A-2a)', () => {
  it('an ended joint visit-home case: PDF/A-2a, fonts embedded, tagged, every answer, the partner, the record', async () => {
    const id = await newCase('besokshjem', {
      ...together(),
      motivation: 'Vi har et stort hus på Ørland, og ønsker å hjelpe. Čeština og ŋ går også.',
    });
    await walk(coordinator, id, 'besokshjem', 'declined');
    const found = await caseAs(coordinator, id);
    const pdf = readPdf(await casePdf(found, issuer, made));

    expect(pdf.meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(pdf.meta).toMatch(/<pdfaid:conformance>A<\/pdfaid:conformance>/);
    expect(pdf.info).toMatch(/^Tagged:\s+yes$/m);
    expect(pdf.info).toMatch(/^Title:\s+Søknad om å bli besøkshjem, sak (BH-\S+)$/m);
    expect(pdf.fonts.length).toBeGreaterThan(0);
    expect(pdf.fonts.filter((font) => !font.embedded)).toEqual([]);

    for (const section of storedAnswers(found.application)) {
      expect(pdf.text).toContain(oneLine(section.title));
      for (const answer of section.answers) {
        expect(pdf.text).toContain(oneLine(answer.label));
        for (const value of answer.value) expect(pdf.text).toContain(oneLine(value));
      }
    }
    // The partner's part, and the characters beyond Latin-1 drawn from the extended font.
    for (const value of ['Ola Testesen', 'ola.testesen@example.no', '98765432', 'Čeština og ŋ'])
      expect(pdf.text).toContain(value);
    expect(pdf.text).toContain('Søker sammen med Ola Testesen');
    expect(pdf.text).toContain(found.application.reference);
    expect(pdf.text).toContain('Prøvestad kommune, Barnevernstjenesten');
    // Ended: the checklist, the outcome and the history (a change to a personal field as "endret").
    for (const heading of ['Sjekkliste', 'Utfall Utfall Avslått', 'Historikk', 'Søknaden kom inn'])
      expect(pdf.text).toContain(heading);
    expect(pdf.text).toContain('Status: mottatt -> under behandling');
    expect(pdf.text).not.toContain('\uFFFD');
  });

  it('an open supervisor case: no partner, and no checklist or history until it has ended', async () => {
    const id = await newCase('tilsynsperson');
    const found = await caseAs(coordinator, id);
    const pdf = readPdf(await casePdf(found, issuer, made));
    expect(pdf.text).not.toContain('Søker sammen med');
    expect(pdf.text).not.toContain('Historikk');
    expect(pdf.text).toContain('Saken er ikke avsluttet');
    for (const answer of storedAnswers(found.application).flatMap((s) => s.answers))
      for (const value of answer.value) expect(pdf.text).toContain(oneLine(value));
  });
});

describe('the bulk export of ended cases', () => {
  it('a lead gets a ZIP with, per ended case, its PDF/A copy and its Noark 5 arkivmelding', async () => {
    const from = new Date(Date.now() - 1000);
    const ended = await newCase('tilsynsperson');
    await walk(coordinator, ended, 'tilsynsperson', 'withdrawn');
    const open = await newCase('tilsynsperson');
    const [endedRef, openRef] = [await referenceOf(ended), await referenceOf(open)];

    const entries = archiveEntries(endedCases(lead, { from }), issuer, made);
    const bytes = new Uint8Array(await new Response(zipStream(entries)).arrayBuffer());
    const files = unzipSync(bytes);
    const names = Object.keys(files);
    expect(names).toContain(`${endedRef}/arkivkopi-${endedRef}.pdf`);
    expect(names).toContain(`${endedRef}/arkivmelding.xml`);
    expect(names.some((name) => name.startsWith(openRef))).toBe(false);
    // Each folder: exactly the copy and its metadata; no name of a person in any file name.
    for (const name of names)
      expect(name).toMatch(/^(BH|TP)-[A-Z0-9-]+\/(arkivkopi-\S+\.pdf|arkivmelding\.xml)$/);

    const xml = new TextDecoder().decode(files[`${endedRef}/arkivmelding.xml`]);
    expect(xml).toContain(
      '<arkivmelding xmlns="http://www.arkivverket.no/standarder/noark5/arkivmelding"',
    );
    expect(xml).toContain('<tittel>Søknad om å bli tilsynsperson, ' + endedRef + '</tittel>');
    expect(xml).toMatch(/<dokumentetsDato>\d{4}-\d{2}-\d{2}<\/dokumentetsDato>/);
    expect(xml).toContain('<journalposttype>Inngående dokument</journalposttype>');
    expect(xml).toContain('<korrespondanseparttype>Avsender</korrespondanseparttype>');
    expect(xml).toContain('<korrespondansepartNavn>Kari Testesen</korrespondansepartNavn>');
    expect(xml).toContain('<dokumenttype>Søknad</dokumenttype>');
    expect(xml).toContain(`<referanseDokumentfil>arkivkopi-${endedRef}.pdf</referanseDokumentfil>`);
    expect(xml).toContain(`<noekkel>${endedRef}</noekkel>`);

    const pdf = readPdf(files[`${endedRef}/arkivkopi-${endedRef}.pdf`]!);
    expect(pdf.meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(pdf.text).toContain('Utfall Utfall Trukket');
  });

  it('anon reads no case to export', async () => {
    const ended = await newCase('tilsynsperson');
    await walk(coordinator, ended, 'tilsynsperson', 'withdrawn');
    const seen: string[] = [];
    try {
      for await (const found of endedCases(anon(), {})) seen.push(found.application.reference);
    } catch {
      // Refused outright is as good as seeing nothing.
    }
    expect(seen).toEqual([]);
  });
});
