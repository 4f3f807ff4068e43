// A session that ends, ends in the database too: a token whose session was signed out
// (/auth/v1/logout), revoked (the admin API signs the user out everywhere), ran past its not_after,
// or never named one, reads and changes nothing straight through PostgREST for the rest of its
// hour; and a coordinator deactivated while signed in is shut out at once. The tokens are the local
// Auth service's own (signed in with an admin link's code, as a coordinator would with the mail's),
// used with supabase-js as an app would; arranging and checking use a superuser connection.
import { randomUUID } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { addUser, client, service, sql, stack } from '../support/db.ts';
import { newCase, type Db } from '../support/screening.ts';
import { signInWithAdminLink } from '../support/sessions.ts';

const ids = { coordinator: randomUUID(), lead: randomUUID(), member: randomUUID() };
let lead: Db;

beforeAll(async () => {
  lead = await addUser(ids.lead, { name: 'Test Økt-leder', role: 'lead' });
  await addUser(ids.coordinator, { name: 'Test Økt-koordinator' });
  await addUser(ids.member, { name: 'Test Økt-medlem' });
  await sql(`update auth.users set email_confirmed_at = now() where id = any($1::uuid[])`, [
    Object.values(ids),
  ]);
});

const emailOf = (id: string) => `${id}@test.invalid`;

/** Signs in through the local Auth service with an admin link's code: its access token. */
async function signIn(id: string): Promise<string> {
  const auth: SupabaseClient = createClient(stack().url, stack().anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
  return (await signInWithAdminLink(service(), auth, emailOf(id))).access_token;
}

/** Signs the token's session out, as the site's sign-out does (Auth's /logout, scope local). */
async function signOut(token: string): Promise<void> {
  const answer = await fetch(`${stack().url}/auth/v1/logout?scope=local`, {
    method: 'POST',
    headers: { apikey: stack().anonKey, authorization: `Bearer ${token}` },
  });
  expect(answer.status).toBe(204);
}

const notesOn = async (id: string) =>
  (
    await sql<{ n: number }>(
      'select count(*)::int as n from public.application_notes where application_id = $1',
      [id],
    )
  )[0]?.n;

/** What a token can still do: read applications and the queue, write a note and a status. */
async function expectShutOut(as: Db, id: string): Promise<void> {
  for (const table of ['applications', 'screening_queue', 'application_notes'] as const) {
    const read = await as.from(table as 'applications').select('id');
    expect(read.data ?? [], table).toEqual([]);
    expect(read.error?.code, table).toBe('42501');
  }
  const note = await as.from('application_notes').insert({ application_id: id, body: 'Etter' });
  expect(note.error?.code).toBe('42501');
  const moved = await as.from('applications').update({ status: 'in_review' }).eq('id', id);
  expect(moved.error?.code).toBe('42501');
  expect(await notesOn(id)).toBe(0);
  const [row] = await sql<{ status: string }>(
    'select status from public.applications where id = $1',
    [id],
  );
  expect(row?.status).toBe('received');
}

/** The same token worked while its session was live (so a refusal later is the session's end). */
async function expectWorks(as: Db, id: string): Promise<void> {
  const read = await as.from('applications').select('id, full_name').eq('id', id);
  expect(read.error).toBeNull();
  expect(read.data).toHaveLength(1);
}

describe('a token outlives its session only until the database asks', () => {
  it('signed out: the same token reads no applications and cannot write a note', async () => {
    const id = await newCase('besokshjem');
    const token = await signIn(ids.coordinator);
    const as = client(stack().anonKey, token);
    await expectWorks(as, id);
    await signOut(token);
    await expectShutOut(as, id);
  });

  it('revoked: after an administrator signs the user out everywhere, an open session is shut out', async () => {
    const id = await newCase('tilsynsperson');
    const open = await signIn(ids.coordinator);
    const other = await signIn(ids.coordinator);
    const as = client(stack().anonKey, open);
    await expectWorks(as, id);
    // The admin API's sign-out (supabase-js auth.admin.signOut) with scope global ends every
    // session of the user, the open one included.
    const { error } = await service().auth.admin.signOut(other, 'global');
    expect(error).toBeNull();
    await expectShutOut(as, id);
  });

  it('a session past its not_after is over, and a token naming no session is none', async () => {
    const id = await newCase('besokshjem');
    const token = await signIn(ids.coordinator);
    const as = client(stack().anonKey, token);
    await expectWorks(as, id);
    const sessionId = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString(),
    ).session_id;
    await sql(`update auth.sessions set not_after = now() - interval '1 second' where id = $1`, [
      sessionId,
    ]);
    await expectShutOut(as, id);
    // Signed with the JWT secret, valid in every other way, but with no session_id.
    const bare = await new SignJWT({ role: 'authenticated', aud: 'authenticated' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(ids.coordinator)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(stack().jwtSecret));
    await expectShutOut(client(stack().anonKey, bare), id);
  });

  it('deactivated while signed in: the open session is shut out at once', async () => {
    const id = await newCase('tilsynsperson');
    const token = await signIn(ids.member);
    const as = client(stack().anonKey, token);
    await expectWorks(as, id);
    const off = await lead.from('coordinators').update({ active: false }).eq('user_id', ids.member);
    expect(off.error).toBeNull();
    await expectShutOut(as, id);
  });

  it('a signed-out lead can no longer change the coordinator list', async () => {
    const token = await signIn(ids.lead);
    const as = client(stack().anonKey, token);
    await signOut(token);
    const changed = await as
      .from('coordinators')
      .update({ role: 'lead' })
      .eq('user_id', ids.coordinator)
      .select('user_id');
    expect(changed.error?.code).toBe('42501');
    const [row] = await sql<{ role: string }>(
      'select role from public.coordinators where user_id = $1',
      [ids.coordinator],
    );
    expect(row?.role).toBe('coordinator');
  });
});
