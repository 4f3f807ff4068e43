import { z } from 'zod';

/** Settings the site reads from the environment (or `.env`), validated once at start-up. */
export const ConfigSchema = z
  .object({
    /** The Supabase project's API URL; unset means "start and use the local stack". */
    SUPABASE_URL: z
      .url({
        protocol: /^https?$/,
        error: 'must be an http(s) URL such as https://abc.supabase.co',
      })
      .optional(),
    /** The project's anon (publishable) key: the only key the site uses to submit. */
    SUPABASE_ANON_KEY: z
      .string()
      .regex(
        /^(eyJ[\w-]+\.[\w-]+\.[\w-]+|sb_publishable_[\w-]+)$/,
        'must be a JWT anon key or an sb_publishable_ key',
      )
      .optional(),
    /** Interface and port the site listens on. */
    HOST: z.string().min(1).default('localhost'),
    PORT: z.coerce
      .number({ error: 'must be a port number (1–65535)' })
      .int('must be a port number (1–65535)')
      .min(1, 'must be a port number (1–65535)')
      .max(65535, 'must be a port number (1–65535)')
      .default(4321),
  })
  .superRefine((env, ctx) => {
    if (env.SUPABASE_URL && !env.SUPABASE_ANON_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['SUPABASE_ANON_KEY'],
        message: 'is required when SUPABASE_URL is set',
      });
    }
    if (env.SUPABASE_ANON_KEY && !env.SUPABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['SUPABASE_URL'],
        message: 'is required when SUPABASE_ANON_KEY is set',
      });
    }
  });

export type Config = z.output<typeof ConfigSchema>;

/** A configuration problem, with one line per setting that is wrong. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates the environment; throws a ConfigError naming each bad setting. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty values count as unset, as they do in most .env tooling.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = ConfigSchema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

let cached: (Config & { SUPABASE_URL: string; SUPABASE_ANON_KEY: string }) | undefined;

/** The running site's configuration; the Supabase settings must be present by then. */
export function serverConfig(): Config & { SUPABASE_URL: string; SUPABASE_ANON_KEY: string } {
  if (cached) return cached;
  const config = parseConfig(process.env);
  if (!config.SUPABASE_URL || !config.SUPABASE_ANON_KEY) {
    throw new ConfigError(
      'Invalid configuration:\n  SUPABASE_URL: is required (start the site with `npm start`, which sets it)',
    );
  }
  cached = {
    ...config,
    SUPABASE_URL: config.SUPABASE_URL,
    SUPABASE_ANON_KEY: config.SUPABASE_ANON_KEY,
  };
  return cached;
}
