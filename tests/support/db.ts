import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import pg from 'pg';
import { expect, inject } from 'vitest';
import type { Database } from '../../src/lib/database.types.ts';
import { openSession } from './sessions.ts';

/** The throwaway stack of this test run (see db-setup.ts). */
export const stack = () => inject('stack');

/**
 * The stack's log (Postgres and PostgREST, see db-setup.ts) from this moment on: the function
 * it resolves with reads only what was logged after the call, so a test never reads what another
 * test caused. The start is a line this call has Postgres log: every backend writes to the same
 * pipe, so whatever an earlier test made Postgres log comes before it, however late it reaches
 * the file. Log lines arrive a little after the statement that caused them: poll for the line a
 * check needs.
 */
export async function stackLogFromNow(): Promise<() => string> {
  const file = inject('stackLog');
  const mark = `log mark ${randomUUID()}`;
  await withDb((db) => db.query(`do $$ begin raise log '${mark}'; end $$`));
  const deadline = Date.now() + 15_000;
  for (;;) {
    const text = readFileSync(file);
    const at = text.indexOf(mark);
    if (at >= 0) {
      const start = text.indexOf('\n', at) + 1;
      return () => readFileSync(file).subarray(start).toString('utf8');
    }
    if (Date.now() > deadline) throw new Error('The stack log did not show its mark within 15 s.');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A supabase-js client with the given key or user JWT, exactly as an app would make one. */
export function client(key: string, accessToken?: string): SupabaseClient<Database> {
  const { url } = stack();
  return createClient<Database>(url, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    ...(accessToken ? { global: { headers: { Authorization: `Bearer ${accessToken}` } } } : {}),
  });
}

/** supabase-js as anon: the public key, which may do nothing with applications. */
export const anon = () => client(stack().anonKey);
/** supabase-js with the service-role key: what the site submits and sends e-mail with. */
export const service = () => client(stack().serviceRoleKey);

/**
 * A JWT signed with the local secret, exactly as Supabase Auth signs a user's access token: for a
 * user in auth.users, with the session_id of a live session opened for it (as a sign-in does).
 */
export async function userToken(sub: string, role = 'authenticated'): Promise<string> {
  const known = await sql('select 1 from auth.users where id = $1::uuid', [sub]);
  const sessionId = known.length ? await withDb((db) => openSession(db, sub)) : undefined;
  return new SignJWT({
    role,
    aud: 'authenticated',
    ...(sessionId ? { session_id: sessionId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(stack().jwtSecret));
}

/** Runs `fn` with a superuser connection to the database at `dbUrl` (a file's own stack). */
export async function withDbAt<T>(dbUrl: string, fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

/** Runs `fn` with a superuser connection, for arranging state and reading what was stored. */
export const withDb = <T>(fn: (db: pg.Client) => Promise<T>): Promise<T> =>
  withDbAt(stack().dbUrl, fn);

/** Runs one statement with a superuser connection and returns its rows. */
export const sql = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
  withDb(async (db) => (await db.query<T>(text, values)).rows);

/** What a user on the coordinator list is: their name, role and whether they are active. */
export interface CoordinatorRow {
  name: string;
  role?: 'coordinator' | 'lead';
  active?: boolean;
}

/**
 * A user as Supabase Auth holds one (auth.users, `<id>@test.invalid`); with `coordinator`, also
 * on the coordinator list. Returns supabase-js signed in as that user.
 */
export async function addUser(
  id: string,
  coordinator?: CoordinatorRow,
): Promise<SupabaseClient<Database>> {
  await sql(
    `insert into auth.users (id, email, aud, role)
       values ($1::uuid, $1::text || '@test.invalid', 'authenticated', 'authenticated')`,
    [id],
  );
  if (coordinator)
    await sql(
      'insert into public.coordinators (user_id, name, role, active) values ($1, $2, $3, $4)',
      [id, coordinator.name, coordinator.role ?? 'coordinator', coordinator.active ?? true],
    );
  return client(stack().anonKey, await userToken(id));
}

/**
 * Submits `application` as the site does (service_role, public.submit_application, with the
 * submission as the request body).
 */
export const submitApplication = (application: unknown) =>
  service().rpc('submit_application', application as never);

/** Submits `application` as the site does, expects it stored, and returns its reference. */
export async function storeApplication(application: unknown): Promise<string> {
  const { data, error } = await submitApplication(application);
  expect(error).toBeNull();
  return data as unknown as string;
}

/**
 * POSTs `body` to PostgREST's /rpc/`fn` with `key` as the apikey and bearer token, as a caller
 * without supabase-js would; returns the HTTP status.
 */
export async function rpcStatus(key: string, fn: string, body: unknown): Promise<number> {
  const answer = await fetch(`${stack().url}/rest/v1/rpc/${fn}`, {
    method: 'POST',
    headers: { apikey: key, authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await answer.body?.cancel();
  return answer.status;
}
