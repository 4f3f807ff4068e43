/**
 * The case page's Actions for the other people in a case: send the referees their requests, send
 * a link again (to the co-applicant or one referee), record a reference taken by phone. Each is a
 * plain form post, validated with its schema and carried out by the database's own function as
 * the signed-in coordinator (public.request_references, resend_link, record_phone_reference), which
 * decide what is allowed. The e-mails they queue go out at once in the background (deliverSoon,
 * as after a submission), or with the next `npm run outbox:send`. Refusals come back in Norwegian.
 */
import { defineAction } from 'astro:actions';
import {
  PhoneReferenceFormSchema,
  RequestReferencesFormSchema,
  ResendLinkFormSchema,
} from '../lib/coordinator/forms.ts';
import { deliverSoon } from '../lib/server/outbox/index.ts';
import {
  casePath,
  coordinatorOf,
  fieldErrors,
  fieldsOf,
  refused,
  type WorkspaceResult,
} from './workspace-common.ts';

/** A function that answered "nothing to do": the case, its state or the person did not allow it. */
const notNow = (
  form: string,
  message: string,
  values: Record<string, string>,
): WorkspaceResult => ({
  ok: false,
  form,
  errors: {},
  message,
  values,
});

export const household = {
  requestReferences: defineAction({
    accept: 'form',
    handler: async (input, context): Promise<WorkspaceResult> => {
      const { client } = coordinatorOf(context);
      const values = fieldsOf(input, ['reference']);
      const form = 'referanser';
      const parsed = RequestReferencesFormSchema.safeParse(values);
      if (!parsed.success) return { ok: false, form, errors: fieldErrors(parsed.error), values };
      const { reference } = parsed.data;
      const { data: count, error } = await client.rpc('request_references', {
        application_reference: reference,
      });
      if (error) return refused(form, error, values);
      if (!count)
        return notNow(
          form,
          'Ingen forespørsel ble sendt: alle referansene er allerede spurt, har svart eller er tatt på telefon.',
          values,
        );
      deliverSoon();
      return { ok: true, saved: 'referanser', redirect: `${casePath(reference)}#referanser` };
    },
  }),

  resendLink: defineAction({
    accept: 'form',
    handler: async (input, context): Promise<WorkspaceResult> => {
      const { client } = coordinatorOf(context);
      const values = fieldsOf(input, ['reference', 'referee']);
      const form = `lenke-${values['referee'] || 'medsoker'}`;
      const parsed = ResendLinkFormSchema.safeParse(values);
      if (!parsed.success) return { ok: false, form, errors: fieldErrors(parsed.error), values };
      const { reference, referee } = parsed.data;
      const { data: sent, error } = await client.rpc('resend_link', {
        application_reference: reference,
        ...(referee ? { referee_id: referee } : {}),
      });
      if (error) return refused(form, error, values);
      if (!sent)
        return notNow(
          form,
          referee
            ? 'Lenken ble ikke sendt: referansen har allerede svart, eller er ikke spurt ennå.'
            : 'Lenken ble ikke sendt: medsøkeren har allerede svart.',
          values,
        );
      deliverSoon();
      const section = referee ? 'referanser' : 'medsoker';
      return { ok: true, saved: 'lenke', redirect: `${casePath(reference)}#${section}` };
    },
  }),

  recordPhoneReference: defineAction({
    accept: 'form',
    handler: async (input, context): Promise<WorkspaceResult> => {
      const { client } = coordinatorOf(context);
      const values = fieldsOf(input, ['reference', 'referee', 'note']);
      const form = `telefon-${values['referee'] ?? ''}`;
      const parsed = PhoneReferenceFormSchema.safeParse(values);
      if (!parsed.success) return { ok: false, form, errors: fieldErrors(parsed.error), values };
      const { reference, referee, note } = parsed.data;
      const { data: recorded, error } = await client.rpc('record_phone_reference', {
        referee_id: referee,
        note,
      });
      if (error) return refused(form, error, values);
      if (!recorded)
        return notNow(
          form,
          'Referansen ble ikke registrert: den har allerede svart eller sagt nei på lenken, eller er tatt på telefon.',
          values,
        );
      return {
        ok: true,
        saved: 'telefonreferanse',
        redirect: `${casePath(reference)}#referanser`,
      };
    },
  }),
};
