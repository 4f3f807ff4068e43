/**
 * Supabase Auth's protective defaults on a stack of this file's own, which runs with the settings
 * of supabase/config.toml (GoTrue's defaults but 8-digit codes valid 10 minutes): one code per
 * address per 60 s, and /verify limited to 30 requests per IP per 5 minutes
 * (so repeated wrong codes are refused). Both hold against hosted Supabase Auth with its defaults.
 * The limits count every request from 127.0.0.1, so a stack shared with other files would count
 * theirs too.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMessage } from '../../supabase/local/mailbox.ts';
import type { Stack } from '../../supabase/local/stack.ts';
import { startTestStack } from '../support/stack.ts';

const LEAD = 'lars.leder@eksempel.invalid';

let stack: Stack | undefined;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});
const own = (): Stack => {
  if (!stack) throw new Error('the stack did not start');
  return stack;
};

const anonClient = (): SupabaseClient =>
  createClient(own().url, own().anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });

describe('Supabase Auth defaults that protect sign-in', () => {
  it('sends one code per address per 60 s (over_email_send_rate_limit, 429)', async () => {
    const client = anonClient();
    const first = await client.auth.signInWithOtp({
      email: LEAD,
      options: { shouldCreateUser: false },
    });
    expect(first.error).toBeNull();
    const code = latestMessage(own().mailboxDir, LEAD)?.code;
    const second = await client.auth.signInWithOtp({
      email: LEAD,
      options: { shouldCreateUser: false },
    });
    expect(second.error?.status).toBe(429);
    expect(second.error?.code).toBe('over_email_send_rate_limit');
    // No second mail: the first code stays the one to use.
    expect(latestMessage(own().mailboxDir, LEAD)?.code).toBe(code);
  });

  it('refuses /verify after 30 attempts from one IP within 5 minutes, even with the right code', async () => {
    const client = anonClient();
    const code = latestMessage(own().mailboxDir, LEAD)?.code ?? '';
    const wrong = code === '00000000' ? '11111111' : '00000000';
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 30; i += 1) {
      const { error } = await client.auth.verifyOtp({ email: LEAD, token: wrong, type: 'email' });
      codes.push(error?.code);
    }
    expect(codes).toEqual(Array(30).fill('otp_expired'));
    const limited = await client.auth.verifyOtp({ email: LEAD, token: code, type: 'email' });
    expect(limited.error?.status).toBe(429);
    expect(limited.error?.code).toBe('over_request_rate_limit');
  });

  it('refuses /otp after 30 requests from one IP within 5 minutes (over_request_rate_limit)', async () => {
    const client = anonClient();
    const codes: (string | undefined)[] = [];
    // Unknown addresses: each is refused (otp_disabled) yet counts, as in GoTrue's limiter.
    for (let i = 0; i < 31; i += 1) {
      const { error } = await client.auth.signInWithOtp({
        email: `ukjent.${i}@eksempel.invalid`,
        options: { shouldCreateUser: false },
      });
      codes.push(error?.code);
    }
    // The first test of this file made two requests: 28 remain of the 30.
    expect(codes.slice(0, 28)).toEqual(Array(28).fill('otp_disabled'));
    expect(codes.slice(28)).toEqual(Array(3).fill('over_request_rate_limit'));
  });
});
