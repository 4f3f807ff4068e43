/**
 * A coordinator's own settings (/koordinator/innstillinger/): the form's zod schema, which the page
 * and the Action share, its choices in Norwegian and the page's saved notice. Free of server
 * imports. The database holds the same rule (public.coordinator_settings: each coordinator writes
 * only their own row).
 */
import { z } from 'zod';

export const SETTINGS_PATH = '/koordinator/innstillinger/';

/** The daily overview's choices, in the order the form lists them. */
export const DAILY_OVERVIEW_CHOICES = [
  { value: 'on', label: 'Ja, send meg oversikten på arbeidsdager' },
  { value: 'off', label: 'Nei, ikke send den' },
] as const;

export const SettingsFormSchema = z.object({
  dailyOverview: z.enum(['on', 'off'], 'Velg om du vil få den daglige oversikten på e-post.'),
});
export type SettingsForm = z.infer<typeof SettingsFormSchema>;

export const SETTINGS_SAVED = 'Innstillingen er lagret.';
