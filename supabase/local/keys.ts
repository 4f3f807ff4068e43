/**
 * The Supabase CLI's well-known local demo secret and keys. They are public, identical on every
 * developer machine, and only ever valid against a local stack: never use them for a real project.
 */
export const LOCAL_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

/** Anon key: `{"iss":"supabase-demo","role":"anon","exp":1983812996}` signed with the secret. */
export const LOCAL_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

/** Service-role key: the same claims with `"role":"service_role"`. Server-side tooling only. */
export const LOCAL_SERVICE_ROLE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';

/**
 * The ports of `npm start`'s stack, as `supabase start` uses them (PostgREST's is internal; 54324
 * is Mailpit's). Throwaway stacks use port 0 everywhere instead: each server binds its own.
 */
export const DEFAULT_PORTS = {
  api: 54321,
  db: 54322,
  rest: 54331,
  mail: 54324,
} as const;
