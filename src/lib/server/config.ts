import { existsSync } from 'node:fs';
import path from 'node:path';
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
    /**
     * The project's anon (publishable) key: public by design, so it may do nothing with
     * applications (the database grants it nothing); the coordinators' sign-in uses it.
     */
    SUPABASE_ANON_KEY: z
      .string()
      .regex(
        /^(eyJ[\w-]+\.[\w-]+\.[\w-]+|sb_publishable_[\w-]+)$/,
        'must be a JWT anon key or an sb_publishable_ key',
      )
      .optional(),
    /**
     * The service-role key, server-only: the site submits applications, sends the e-mail outbox
     * and sends Auth's invitations with it. The database lets it do nothing else (no table, no
     * view), but Auth's admin API lets it do anything, so it is an administrator's secret; never
     * sent to the browser. Required with SUPABASE_URL; `npm start` passes the local stack's own.
     */
    SUPABASE_SERVICE_ROLE_KEY: z
      .string()
      .regex(
        /^(eyJ[\w-]+\.[\w-]+\.[\w-]+|sb_secret_[\w-]+)$/,
        'must be a JWT service-role key or an sb_secret_ key',
      )
      .optional(),
    /** Resend API key; unset means e-mails go to the local mailbox in .data/mailbox. */
    RESEND_API_KEY: z
      .string()
      .regex(/^re_\w+$/, 'must be a Resend API key (it starts with re_)')
      .optional(),
    /**
     * Sender of the e-mails, on a domain verified in Resend: "Name <address>" or an address.
     * Required with RESEND_API_KEY; the local mailbox uses a placeholder.
     */
    EMAIL_FROM: z
      .string()
      .regex(
        /^([^<>@\r\n]+ <[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+)$/,
        'must be an e-mail address, optionally with a name: Barnevernet <ikke-svar@kommune.no>',
      )
      .optional(),
    /**
     * The site's public address: the links in the co-applicant's and referees' e-mails point to
     * it (also read by `astro build` and for HSTS). Default: `npm start`'s own address.
     */
    SITE_URL: z
      .url({
        protocol: /^https?$/,
        error: 'must be an http(s) URL such as https://fosterhjem.kommune.no',
      })
      .default('http://localhost:4321'),
    /** Where replies go; unset means the municipality profile's e-mail address. */
    EMAIL_REPLY_TO: z.email({ error: 'must be an e-mail address' }).optional(),
    /** How long one request to Resend may take before it counts as failed (and is retried). */
    EMAIL_TIMEOUT_MS: z.coerce
      .number({ error: 'must be a number of milliseconds (100–60000)' })
      .int('must be a number of milliseconds (100–60000)')
      .min(100, 'must be a number of milliseconds (100–60000)')
      .max(60_000, 'must be a number of milliseconds (100–60000)')
      .default(10_000),
    /**
     * Interface and port the site listens on. Port 0: serve.ts takes a port of its own and prints
     * it (the tests' sites do; `npm start` needs a fixed one, which its sign-in links name).
     */
    HOST: z.string().min(1).default('localhost'),
    PORT: z.coerce
      .number({ error: 'must be a port number (0–65535)' })
      .int('must be a port number (0–65535)')
      .min(0, 'must be a port number (0–65535)')
      .max(65535, 'must be a port number (0–65535)')
      .default(4321),
    /**
     * How many reverse proxies in front of the site append to X-Forwarded-For; the rate limit
     * counts per client address only when this says whose entry to believe (0: the connection's).
     */
    TRUSTED_PROXY_HOPS: z.coerce
      .number({ error: 'must be the number of proxies in front of the site (0–10)' })
      .int('must be the number of proxies in front of the site (0–10)')
      .min(0, 'must be the number of proxies in front of the site (0–10)')
      .max(10, 'must be the number of proxies in front of the site (0–10)')
      .default(0),
    /**
     * Sign-in posts per client address per 10 minutes, counted apart for code requests and for
     * code verifications, across every site process (src/lib/server/auth/sign-in-limits.ts).
     */
    SIGN_IN_RATE_LIMIT: z.coerce
      .number({ error: 'must be a whole number of sign-in attempts (1–1000000)' })
      .int('must be a whole number of sign-in attempts (1–1000000)')
      .min(1, 'must be a whole number of sign-in attempts (1–1000000)')
      .max(1_000_000, 'must be a whole number of sign-in attempts (1–1000000)')
      .default(30),
    /**
     * The municipality's e-mail domain registered for SAML single sign-on in Supabase Auth
     * (`supabase sso add … --domains`); when set, the sign-in page offers "Logg inn med kommunens
     * konto". Unset: coordinators sign in with a code by e-mail only.
     */
    COORDINATOR_SSO_DOMAIN: z
      .string()
      .regex(
        /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
        'must be an e-mail domain such as steinkjer.kommune.no',
      )
      .optional(),
  })
  .superRefine((env, ctx) => {
    if (env.SUPABASE_URL && !env.SUPABASE_ANON_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['SUPABASE_ANON_KEY'],
        message: 'is required when SUPABASE_URL is set',
      });
    }
    if (env.SUPABASE_URL && !env.SUPABASE_SERVICE_ROLE_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['SUPABASE_SERVICE_ROLE_KEY'],
        message: 'is required when SUPABASE_URL is set (the site submits applications with it)',
      });
    }
    if (env.SUPABASE_ANON_KEY && !env.SUPABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['SUPABASE_URL'],
        message: 'is required when SUPABASE_ANON_KEY is set',
      });
    }
    if (env.RESEND_API_KEY && !env.EMAIL_FROM) {
      ctx.addIssue({
        code: 'custom',
        path: ['EMAIL_FROM'],
        message: 'is required when RESEND_API_KEY is set (an address on your verified domain)',
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

/**
 * The settings of a command (`npm start`, `npm run outbox:send`): `.env` in `projectRoot` is loaded
 * into the environment first when there is one; a wrong setting ends the process with one line per
 * setting, never a stack trace.
 */
export function commandConfig(projectRoot: string): Config {
  const envFile = path.join(projectRoot, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  try {
    return parseConfig(process.env);
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : String(error));
    process.exit(1);
  }
}

/**
 * Settings that are valid but probably not what was meant, one line each: `npm start` prints them.
 * (With the local stack, `npm start` passes the local service-role key itself.)
 */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (!config.RESEND_API_KEY) {
    warnings.push(
      'RESEND_API_KEY is not set: e-mails go to the local mailbox in .data/mailbox (the local stack\'s mail viewer lists them: the "Mail" address `npm start` prints).',
    );
  }
  return warnings;
}

type ServerConfig = Config & {
  SUPABASE_URL: string;
  SUPABASE_ANON_KEY: string;
  SUPABASE_SERVICE_ROLE_KEY: string;
};
let cached: ServerConfig | undefined;

/** The running site's configuration; the Supabase settings must be present by then. */
export function serverConfig(): ServerConfig {
  if (cached) return cached;
  const config = parseConfig(process.env);
  if (!config.SUPABASE_URL || !config.SUPABASE_ANON_KEY || !config.SUPABASE_SERVICE_ROLE_KEY) {
    throw new ConfigError(
      'Invalid configuration:\n  SUPABASE_URL: is required (start the site with `npm start`, which sets it)',
    );
  }
  cached = {
    ...config,
    SUPABASE_URL: config.SUPABASE_URL,
    SUPABASE_ANON_KEY: config.SUPABASE_ANON_KEY,
    SUPABASE_SERVICE_ROLE_KEY: config.SUPABASE_SERVICE_ROLE_KEY,
  };
  return cached;
}
