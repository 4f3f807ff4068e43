/**
 * The team Actions, for leads: invite a coordinator by e-mail, change a coordinator's role,
 * deactivate (never delete) or reactivate one. The coordinator list is written as the lead,
 * through RLS (only an active lead may); the invitation itself is Auth's admin API, the site's one
 * use of the service-role key, sent only after the database has confirmed the lead.
 */
import { defineAction } from 'astro:actions';
import { InviteFormSchema, MemberFormSchema } from '../lib/coordinator/forms.ts';
import { confirmActiveLead, inviteByEmail } from '../lib/server/auth/invite.ts';
import { dbMessage } from '../lib/server/screening/errors.ts';
import { coordinatorOf, fieldErrors, fieldsOf, type WorkspaceResult } from './workspace-common.ts';

const TEAM_PATH = '/koordinator/team/';

export const team = {
  invite: defineAction({
    accept: 'form',
    handler: async (input, context): Promise<WorkspaceResult> => {
      const { client, coordinator } = coordinatorOf(context);
      const values = fieldsOf(input, ['email', 'name', 'role']);
      const parsed = InviteFormSchema.safeParse(values);
      if (!parsed.success)
        return { ok: false, form: 'inviter', errors: fieldErrors(parsed.error), values };
      // The database, as this lead and right now, must say they lead before the key is used.
      if (!(await confirmActiveLead(client, coordinator.id)))
        return {
          ok: false,
          form: 'inviter',
          errors: {},
          message: 'Bare aktive ledere kan invitere koordinatorer.',
          values,
        };
      const { email, name, role } = parsed.data;
      const invited = await inviteByEmail(email, context.url.origin);
      if (!invited.ok)
        return {
          ok: false,
          form: 'inviter',
          errors:
            invited.reason === 'exists'
              ? { email: 'Det finnes allerede en bruker med denne e-postadressen.' }
              : {},
          ...(invited.reason === 'exists'
            ? {}
            : { message: 'Invitasjonen kunne ikke sendes nå. Prøv igjen om litt.' }),
          values,
        };
      const { error } = await client
        .from('coordinators')
        .insert({ user_id: invited.userId, name, role, active: true });
      if (error)
        return { ok: false, form: 'inviter', errors: {}, message: dbMessage(error), values };
      return { ok: true, saved: 'invitert', redirect: TEAM_PATH };
    },
  }),

  changeMember: defineAction({
    accept: 'form',
    handler: async (input, context): Promise<WorkspaceResult> => {
      const { client, coordinator } = coordinatorOf(context);
      const values = fieldsOf(input, ['userId', 'change', 'role']);
      const parsed = MemberFormSchema.safeParse(values);
      if (!parsed.success)
        return {
          ok: false,
          form: `medlem-${values['userId'] ?? ''}`,
          errors: fieldErrors(parsed.error),
          values,
        };
      // The schema gives the id in lower case, as the page names the member's form.
      const { userId, change, role } = parsed.data;
      const form = `medlem-${userId}`;
      if (userId === coordinator.id && change !== 'role')
        return {
          ok: false,
          form,
          errors: {},
          message: 'Du kan ikke deaktivere deg selv. Be en annen leder om det.',
          values,
        };
      const update =
        change === 'role' ? { role: role ?? 'coordinator' } : { active: change === 'activate' };
      const { data, error } = await client
        .from('coordinators')
        .update(update)
        .eq('user_id', userId)
        .select('user_id');
      if (error) return { ok: false, form, errors: {}, message: dbMessage(error), values };
      if (!data?.length)
        return { ok: false, form, errors: {}, message: 'Fant ikke koordinatoren.', values };
      const saved = change === 'role' ? 'rolle' : change === 'activate' ? 'aktivert' : 'deaktivert';
      return { ok: true, saved, redirect: TEAM_PATH };
    },
  }),
};
