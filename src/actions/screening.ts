/**
 * The screening Actions on one case: move its status, assign it, fill in the checklist, add a
 * note. Each is a plain HTML form post from the case page, validated with its schema and then
 * written through PostgREST as the signed-in coordinator, so the workflow, the approval guard,
 * the checklist's rules and RLS decide; their refusals come back in Norwegian next to the form.
 * A status change may queue the applicant's status e-mail (a trigger); it goes out at once.
 */
import { defineAction } from 'astro:actions';
import {
  AssignFormSchema,
  ChecklistFormSchema,
  EraseFormSchema,
  NoteFormSchema,
  StatusFormSchema,
} from '../lib/coordinator/forms.ts';
import { deliverSoon } from '../lib/server/outbox/index.ts';
import { dbMessage } from '../lib/server/screening/errors.ts';
import {
  casePath,
  coordinatorOf,
  fieldErrors,
  fieldsOf,
  missing,
  refused,
  type WorkspaceResult,
} from './workspace-common.ts';

export const screening = {
  // Only a lead can: erase_application checks that in the database, whoever calls it.
  erase: defineAction({
    accept: 'form',
    handler: async (input, context): Promise<WorkspaceResult> => {
      const { client } = coordinatorOf(context);
      const values = fieldsOf(input, ['reference', 'confirm']);
      const parsed = EraseFormSchema.safeParse(values);
      if (!parsed.success)
        return { ok: false, form: 'slett', errors: fieldErrors(parsed.error), values };
      const { data: found, error: findError } = await client
        .from('applications')
        .select('id')
        .eq('reference', parsed.data.reference)
        .maybeSingle();
      if (findError) return refused('slett', findError, values);
      if (!found) return missing('slett', values);
      const { error } = await client.rpc('erase_application', { application_id: found.id });
      if (error) return refused('slett', error, values);
      return { ok: true, saved: 'slettet', redirect: '/koordinator/' };
    },
  }),

  changeStatus: defineAction({
    accept: 'form',
    handler: async (input, context): Promise<WorkspaceResult> => {
      const { client } = coordinatorOf(context);
      const values = fieldsOf(input, ['reference', 'status', 'confirm']);
      const form = `status-${values['status'] ?? ''}`;
      const parsed = StatusFormSchema.safeParse(values);
      if (!parsed.success) return { ok: false, form, errors: fieldErrors(parsed.error), values };
      const { reference, status } = parsed.data;
      const { data, error } = await client
        .from('applications')
        .update({ status })
        .eq('reference', reference)
        .select('id');
      if (error) return refused(form, error, values);
      if (!data?.length) return missing(form, values);
      // A status the applicant should know of queued its e-mail in the same transaction.
      deliverSoon();
      return { ok: true, saved: 'status', redirect: casePath(reference) };
    },
  }),

  assign: defineAction({
    accept: 'form',
    handler: async (input, context): Promise<WorkspaceResult> => {
      const { client } = coordinatorOf(context);
      const values = fieldsOf(input, ['reference', 'assignee']);
      const parsed = AssignFormSchema.safeParse(values);
      if (!parsed.success)
        return { ok: false, form: 'tildel', errors: fieldErrors(parsed.error), values };
      const { reference, assignee } = parsed.data;
      const { data, error } = await client
        .from('applications')
        .update({ assigned_to: assignee })
        .eq('reference', reference)
        .select('id');
      if (error) return refused('tildel', error, values);
      if (!data?.length) return missing('tildel', values);
      return { ok: true, saved: 'tildelt', redirect: casePath(reference) };
    },
  }),

  recordChecklist: defineAction({
    accept: 'form',
    handler: async (input, context): Promise<WorkspaceResult> => {
      const { client } = coordinatorOf(context);
      const values = fieldsOf(input, ['reference', 'item', 'date', 'checked']);
      const form = `sjekk-${values['item'] ?? ''}`;
      const parsed = ChecklistFormSchema.safeParse(values);
      if (!parsed.success) return { ok: false, form, errors: fieldErrors(parsed.error), values };
      const { reference, item, date, checked } = parsed.data;
      // A date item posts a date field (empty clears it), a toggle its new state; the database
      // writes it to the item's column (public.checklist_items).
      const { data: found, error } = await client.rpc('record_checklist', {
        application_reference: reference,
        item,
        value: date !== undefined ? date : checked === 'ja',
      });
      if (error) {
        // A date the database refused: the message belongs under the date field.
        if (date === undefined) return refused(form, error, values);
        return { ok: false, form, errors: { date: dbMessage(error) }, values };
      }
      if (!found) return missing(form, values);
      return { ok: true, saved: 'sjekkliste', redirect: casePath(reference) };
    },
  }),

  addNote: defineAction({
    accept: 'form',
    handler: async (input, context): Promise<WorkspaceResult> => {
      const { client } = coordinatorOf(context);
      const values = fieldsOf(input, ['reference', 'body', 'isContact']);
      const parsed = NoteFormSchema.safeParse(values);
      if (!parsed.success)
        return { ok: false, form: 'notat', errors: fieldErrors(parsed.error), values };
      const { reference, body, isContact } = parsed.data;
      const { data: application, error: readError } = await client
        .from('applications')
        .select('id')
        .eq('reference', reference)
        .maybeSingle();
      if (readError) return refused('notat', readError, values);
      if (!application) return missing('notat', values);
      const { error } = await client
        .from('application_notes')
        .insert({ application_id: application.id, body, is_contact: isContact === 'ja' });
      if (error) {
        const message = dbMessage(error);
        return { ok: false, form: 'notat', errors: { body: message }, values };
      }
      return { ok: true, saved: 'notat', redirect: `${casePath(reference)}#notater` };
    },
  }),
};
