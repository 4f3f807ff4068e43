// The workspace forms (status, checklist, note, invite, team member): what each zod schema accepts.
import { describe, expect, it } from 'vitest';
import {
  ChecklistFormSchema,
  InviteFormSchema,
  MemberFormSchema,
  NoteFormSchema,
  StatusFormSchema,
} from '../../../src/lib/coordinator/forms.ts';

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
  ])('note %#', (body, ok) =>
    expect(NoteFormSchema.safeParse({ reference: 'TP-2222-2222', body }).success).toBe(ok),
  );

  it.each([
    [{ email: 'Ny@Kommune.no', name: 'Ny', role: 'coordinator' }, true],
    [{ email: 'ikke-en-adresse', name: 'Ny', role: 'coordinator' }, false],
    [{ email: 'ny@kommune.no', name: '', role: 'lead' }, false],
    [{ email: 'ny@kommune.no', name: 'Ny', role: 'admin' }, false],
  ])('invite %o → %s', (form, ok) => expect(InviteFormSchema.safeParse(form).success).toBe(ok));

  it('a member’s id is read as a UUID in lower case, whatever case the form sent', () => {
    const id = '5eed0000-0000-4000-8000-00000000abcd';
    for (const sent of [id, id.toUpperCase()])
      expect(MemberFormSchema.parse({ userId: sent, change: 'deactivate' }).userId).toBe(id);
    expect(MemberFormSchema.safeParse({ userId: 'ikke-en-id', change: 'deactivate' }).success).toBe(
      false,
    );
  });
});
