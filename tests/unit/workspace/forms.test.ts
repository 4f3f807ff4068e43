// The workspace forms (status, checklist, note, the household's links, a phone reference, journal,
// invite, team member): what each zod schema
// accepts.
import { describe, expect, it } from 'vitest';
import {
  ChecklistFormSchema,
  InviteFormSchema,
  JournalFormSchema,
  MemberFormSchema,
  NoteFormSchema,
  PhoneReferenceFormSchema,
  RequestReferencesFormSchema,
  ResendLinkFormSchema,
  StatusFormSchema,
  summaryErrors,
} from '../../../src/lib/coordinator/forms.ts';
import { journalReferences } from '../../support/journal-references.ts';

describe('the journal form', () => {
  // The form trims what was typed first, so a reference with spaces or a newline around it counts.
  const validOnceTrimmed = (value: string) =>
    journalReferences.some(([other, valid]) => valid && other === value.trim());
  it.each(journalReferences)('%j (a reference as stored: %s)', (value, valid) => {
    const result = JournalFormSchema.safeParse({
      reference: 'BH-2222-2222',
      journalReference: value,
    });
    expect(result.success).toBe(valid || validOnceTrimmed(value));
  });

  it('trims what was typed, and says what to write in Norwegian', () => {
    const parse = (journalReference: string) =>
      JournalFormSchema.safeParse({ reference: 'BH-2222-2222', journalReference });
    expect(parse(' 2026/1234-1 ').data?.journalReference).toBe('2026/1234-1');
    expect(parse('  ').error?.issues[0]?.message).toBe(
      'Skriv journalpostnummeret eller saksnummeret fra sak/arkivsystemet.',
    );
    expect(parse('2026-1234').error?.issues[0]?.message).toBe(
      'Skriv nummeret slik sak/arkivsystemet viser det, for eksempel 2026/1234-1, 26/1234-1 eller 2026/1234.',
    );
    expect(
      JournalFormSchema.safeParse({ reference: 'x', journalReference: '2026/1' }).success,
    ).toBe(false);
  });
});

describe('the workspace forms', () => {
  it.each([
    [{ reference: 'BH-2222-2222', status: 'declined' }, false],
    [{ reference: 'BH-2222-2222', status: 'declined', confirm: 'ja' }, true],
    [{ reference: 'BH-2222-2222', status: 'withdrawn' }, false],
    [{ reference: 'BH-2222-2222', status: 'in_review' }, true],
    [{ reference: 'x', status: 'in_review' }, false],
  ])('status %o → %s', (form, ok) => expect(StatusFormSchema.safeParse(form).success).toBe(ok));

  it('the partner’s certificate is an item of the checklist', () => {
    const result = ChecklistFormSchema.safeParse({
      reference: 'BH-2222-2222',
      item: 'partnerCertificate',
      date: '30.11.2026',
    });
    expect(result.data).toMatchObject({ item: 'partnerCertificate', date: '2026-11-30' });
  });

  it.each([
    [{ date: '1.12.2026' }, '2026-12-01'],
    [{ date: '' }, null],
    [{ date: '31.02.2026' }, undefined],
  ])('checklist date %o', (form, date) => {
    const result = ChecklistFormSchema.safeParse({
      reference: 'TP-2222-2222',
      item: 'conversation',
      ...form,
    });
    if (date === undefined) expect(result.success).toBe(false);
    else expect(result.data?.date).toBe(date);
  });

  it.each([
    ['', false],
    ['   ', false],
    ['Ringte søkeren.', true],
    ['x'.repeat(4001), false],
    ['\u200b', false],
    [' \u2060\ufeff\u00ad\u200e ', false],
    ['Ringte\u0000søkeren.', false],
  ])('note %#', (body, ok) =>
    expect(NoteFormSchema.safeParse({ reference: 'TP-2222-2222', body }).success).toBe(ok),
  );

  it.each([
    [{ email: 'Ny@Kommune.no', name: 'Ny', role: 'coordinator' }, true],
    [{ email: 'ikke-en-adresse', name: 'Ny', role: 'coordinator' }, false],
    [{ email: 'ny@kommune.no', name: '', role: 'lead' }, false],
    [{ email: 'ny@kommune.no', name: 'Ny', role: 'admin' }, false],
    [{ email: 'ny@kommune.no', name: '\u200b', role: 'coordinator' }, false],
    [{ email: 'ny@kommune.no', name: 'Ny\u0000', role: 'coordinator' }, false],
  ])('invite %o → %s', (form, ok) => expect(InviteFormSchema.safeParse(form).success).toBe(ok));

  it.each([
    ['note', NoteFormSchema, 'body', '\u200b\u200b', 'Skriv notatet før du lagrer.'],
    ['note', NoteFormSchema, 'body', 'Ringte\u0000', 'Fjern tegn som ikke er bokstaver'],
    ['invite', InviteFormSchema, 'name', '\u2060', 'Skriv inn navnet slik kollegene'],
    ['invite', InviteFormSchema, 'name', 'Ny\u0000', 'Fjern tegn som ikke er bokstaver'],
  ])('%s: %s %j is refused with a message naming it', (_, schema, field, value, message) => {
    const form = {
      reference: 'TP-2222-2222',
      email: 'ny@kommune.no',
      role: 'lead',
      [field]: value,
    };
    const result = schema.safeParse(form);
    expect(result.error?.issues.find((issue) => issue.path[0] === field)?.message).toContain(
      message,
    );
  });

  it('a member’s id is read as a UUID in lower case, whatever case the form sent', () => {
    const id = '5eed0000-0000-4000-8000-00000000abcd';
    for (const sent of [id, id.toUpperCase()])
      expect(MemberFormSchema.parse({ userId: sent, change: 'deactivate' }).userId).toBe(id);
    expect(MemberFormSchema.safeParse({ userId: 'ikke-en-id', change: 'deactivate' }).success).toBe(
      false,
    );
  });
});

describe("the household's forms: reference requests, links sent again, a phone reference", () => {
  const reference = 'BH-2222-2222';
  const referee = '3F2504E0-4F89-41D3-9A0C-0305E82C3301';

  it('a reference request needs only a known case', () => {
    expect(RequestReferencesFormSchema.safeParse({ reference }).success).toBe(true);
    expect(RequestReferencesFormSchema.safeParse({ reference: 'BH-1' }).success).toBe(false);
  });

  it('a link sent again goes to the co-applicant (no referee) or to one referee, by id', () => {
    expect(ResendLinkFormSchema.parse({ reference }).referee).toBeUndefined();
    expect(ResendLinkFormSchema.parse({ reference, referee: '' }).referee).toBeNull();
    expect(ResendLinkFormSchema.parse({ reference, referee }).referee).toBe(referee.toLowerCase());
    expect(
      ResendLinkFormSchema.safeParse({ reference, referee: 'not-an-id' }).error?.issues[0]?.message,
    ).toBe('Ukjent referanse.');
  });

  it('a phone reference needs a note of at most 1000 characters, line breaks allowed', () => {
    const parse = (note: string) =>
      PhoneReferenceFormSchema.safeParse({ reference, referee, note });
    expect(parse('  Ringte 3. desember.\nKjenner søkeren fra jobb.  ').data?.note).toBe(
      'Ringte 3. desember.\nKjenner søkeren fra jobb.',
    );
    expect(parse('').error?.issues[0]?.message).toBe(
      'Skriv et kort notat fra samtalen med referansen.',
    );
    expect(parse('\u200b').error?.issues[0]?.message).toBe(
      'Skriv et kort notat fra samtalen med referansen.',
    );
    expect(parse('x'.repeat(1000)).success).toBe(true);
    expect(parse('x'.repeat(1001)).error?.issues[0]?.message).toBe(
      'Notatet kan ha høyst 1000 tegn.',
    );
    expect(parse('nul\u0000').success).toBe(false);
    expect(parse('bidi\u202e').success).toBe(false);
    expect(
      PhoneReferenceFormSchema.safeParse({ reference, referee: '', note: 'Ringte.' }).success,
    ).toBe(false);
  });
});

describe("the error summary's entries", () => {
  it('links each message to its field, in the order given, and skips fields without one', () => {
    const errors = { til: 'Skriv siste måned.', fra: 'Skriv første måned.', rolle: '' };
    expect(summaryErrors(errors, 'tall', ['fra', 'til', 'rolle'])).toEqual([
      { id: 'tall-fra', message: 'Skriv første måned.' },
      { id: 'tall-til', message: 'Skriv siste måned.' },
    ]);
  });

  it("keeps the messages' own order when no order is given", () => {
    expect(
      summaryErrors({ name: 'Skriv navnet.', email: 'Skriv e-posten.' }, 'invitasjon'),
    ).toEqual([
      { id: 'invitasjon-name', message: 'Skriv navnet.' },
      { id: 'invitasjon-email', message: 'Skriv e-posten.' },
    ]);
  });
});
