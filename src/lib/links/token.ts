/**
 * A personal link's token as the e-mails carry it: 32 random bytes, base64url without padding
 * (43 characters). The database stores only its hash; nothing of the site logs it.
 */
import { z } from 'zod/mini';

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Whether a path segment can be a token at all (anything else is a made-up link). */
export function isToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_PATTERN.test(value);
}

/** The hidden token field of both link forms. */
export const tokenField = z
  .string({ error: 'Lenken virker ikke. Åpne lenken i e-posten på nytt' })
  .check(z.regex(TOKEN_PATTERN, { error: 'Lenken virker ikke. Åpne lenken i e-posten på nytt' }));
