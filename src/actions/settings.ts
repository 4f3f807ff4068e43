/**
 * The coordinator's own settings: turn the daily overview e-mail off and on. Written as the
 * coordinator, through RLS (public.coordinator_settings: only their own row), never with the
 * service-role key.
 */
import { defineAction } from 'astro:actions';
import { SETTINGS_PATH, SettingsFormSchema } from '../lib/coordinator/settings.ts';
import { dbMessage } from '../lib/server/screening/errors.ts';
import { coordinatorOf, fieldErrors, fieldsOf, type WorkspaceResult } from './workspace-common.ts';

export const settings = {
  save: defineAction({
    accept: 'form',
    handler: async (input, context): Promise<WorkspaceResult> => {
      const { client, coordinator } = coordinatorOf(context);
      const values = fieldsOf(input, ['dailyOverview']);
      const parsed = SettingsFormSchema.safeParse(values);
      if (!parsed.success)
        return { ok: false, form: 'innstillinger', errors: fieldErrors(parsed.error), values };
      const { error } = await client
        .from('coordinator_settings')
        .upsert(
          { user_id: coordinator.id, daily_overview: parsed.data.dailyOverview === 'on' },
          { onConflict: 'user_id' },
        );
      if (error)
        return { ok: false, form: 'innstillinger', errors: {}, message: dbMessage(error), values };
      return { ok: true, saved: 'innstillinger', redirect: SETTINGS_PATH };
    },
  }),
};
