/**
 * Journalføring: a coordinator records on the case the journalpost or case number it got in the
 * municipality's sak/arkiv system, or corrects it. A plain HTML form post from the case page,
 * validated with JournalFormSchema and written through PostgREST as the signed-in coordinator:
 * the database fills in who and when, refuses anyone but an active coordinator, refuses a number
 * of the wrong form and refuses clearing it (private.applications_journal); the audit log keeps
 * every change.
 */
import { defineAction } from 'astro:actions';
import { JournalFormSchema } from '../lib/coordinator/forms.ts';
import { dbMessage } from '../lib/server/screening/errors.ts';
import { coordinatorOf, fieldErrors, fieldsOf, type WorkspaceResult } from './workspace-common.ts';

const FORM = 'journal';

export const journal = {
  record: defineAction({
    accept: 'form',
    handler: async (input, context): Promise<WorkspaceResult> => {
      const { client } = coordinatorOf(context);
      const values = fieldsOf(input, ['reference', 'journalReference']);
      const parsed = JournalFormSchema.safeParse(values);
      if (!parsed.success)
        return { ok: false, form: FORM, errors: fieldErrors(parsed.error), values };
      const { reference, journalReference } = parsed.data;
      const { data, error } = await client
        .from('applications')
        .update({ journal_reference: journalReference })
        .eq('reference', reference)
        .select('id');
      if (error) {
        // A number the database refused belongs under the field; anything else above the form.
        if (error.code === '23514')
          return { ok: false, form: FORM, errors: { journalReference: dbMessage(error) }, values };
        return { ok: false, form: FORM, errors: {}, message: dbMessage(error), values };
      }
      if (!data?.length)
        return {
          ok: false,
          form: FORM,
          errors: {},
          message: 'Fant ikke saken. Den kan være slettet.',
          values,
        };
      return {
        ok: true,
        saved: 'journalfort',
        redirect: `/koordinator/sak/${encodeURIComponent(reference)}/#journalforing`,
      };
    },
  }),
};
