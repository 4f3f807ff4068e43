/**
 * The Auth settings supabase/config.toml records (`[auth]`, `[auth.email]`, `[auth.rate_limit]`),
 * as the local Auth service's settings: the stack passes them, as the Supabase CLI passes them to
 * GoTrue, so the local Auth and a hosted project configured from the same file behave alike. The
 * service's own defaults stay Supabase Auth's.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AuthSettings } from './service.ts';
import { parseGoDuration } from './http.ts';

/** `key = value` lines of one `[section]` of a TOML file (numbers and strings only). */
function section(toml: string, name: string): Map<string, string> {
  const values = new Map<string, string>();
  let current = '';
  for (const raw of toml.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) current = header[1] ?? '';
    else if (current === name) {
      const pair = /^(\w+)\s*=\s*(.+)$/.exec(line);
      if (pair) values.set(pair[1] ?? '', (pair[2] ?? '').replace(/^"(.*)"$/, '$1'));
    }
  }
  return values;
}

/** The Auth settings in `<projectRoot>/supabase/config.toml` that the local service applies. */
export function authSettingsFromConfig(projectRoot: string): Partial<AuthSettings> {
  const toml = readFileSync(path.join(projectRoot, 'supabase/config.toml'), 'utf8');
  const auth = section(toml, 'auth');
  const email = section(toml, 'auth.email');
  const limits = section(toml, 'auth.rate_limit');
  const settings: Partial<AuthSettings> = {};
  const number = (value: string | undefined) =>
    value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
  const set = <K extends keyof AuthSettings>(key: K, value: AuthSettings[K] | undefined) => {
    if (value !== undefined) settings[key] = value;
  };
  set('jwtExpirySeconds', number(auth.get('jwt_expiry')));
  set('refreshTokenReuseIntervalSeconds', number(auth.get('refresh_token_reuse_interval')));
  set('otpLength', number(email.get('otp_length')));
  set('otpExpirySeconds', number(email.get('otp_expiry')));
  const frequency = email.get('max_frequency');
  const frequencyMs = frequency === undefined ? undefined : parseGoDuration(frequency);
  set('otpFrequencySeconds', frequencyMs === undefined ? undefined : frequencyMs / 1000);
  set('emailsPerHour', number(limits.get('email_sent')));
  set('tokenPerFiveMinutes', number(limits.get('token_refresh')));
  set('verifyPerFiveMinutes', number(limits.get('token_verifications')));
  return settings;
}
