/**
 * What the workspace's Actions share: the signed-in coordinator and their per-request client
 * (from the middleware), the form's fields as strings, the result every workspace form answers
 * with, and the case page's answers to a refusal.
 */
import { ActionError, type ActionAPIContext } from 'astro:actions';
import type { z } from 'zod';
import type { Coordinator } from '../lib/server/auth/access.ts';
import type { SessionClient } from '../lib/server/auth/session.ts';
import { dbMessage, refusalList } from '../lib/server/screening/errors.ts';

/** What a workspace post answers; the page redirects on success and shows a failure in place. */
export type WorkspaceResult =
  | { ok: true; saved: string; redirect: string }
  | {
      ok: false;
      /** Which form on the page caused it (its id), so the message stands next to it. */
      form: string;
      /** Field messages by field name. */
      errors: Record<string, string>;
      /** The database's refusal, in Norwegian, with its reasons when it gave several. */
      message?: string;
      reasons?: string[];
      /** What the coordinator typed, to show again. */
      values: Record<string, string>;
    };

/** The coordinator the middleware admitted, with their client; anything else is refused. */
export function coordinatorOf(context: ActionAPIContext): {
  client: SessionClient;
  coordinator: Coordinator;
} {
  const workspace = context.locals.workspace;
  if (!workspace || workspace.access.kind !== 'coordinator')
    throw new ActionError({ code: 'FORBIDDEN', message: 'Ingen tilgang.' });
  return { client: workspace.client, coordinator: workspace.access.coordinator };
}

/** The posted fields as strings. */
export function fieldsOf(input: unknown, names: string[]): Record<string, string> {
  const data = input instanceof FormData ? input : new FormData();
  const fields: Record<string, string> = {};
  for (const name of names) {
    const value = data.get(name);
    if (typeof value === 'string') fields[name] = value;
  }
  return fields;
}

/** Field messages of a failed parse (first per field). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    errors[key] ??= issue.message;
  }
  return errors;
}

/** The case page of `reference`. */
export const casePath = (reference: string) => `/koordinator/sak/${encodeURIComponent(reference)}/`;

interface DbError {
  code?: string;
  message?: string;
  details?: string | null;
}

/** A refusal from the database for the form `form`: what the approval guard lists, or its message. */
export function refused(
  form: string,
  error: DbError,
  values: Record<string, string>,
): WorkspaceResult {
  const reasons = refusalList(error);
  return reasons.length > 0
    ? { ok: false, form, errors: {}, message: 'Databasen godkjente ikke saken:', reasons, values }
    : { ok: false, form, errors: {}, message: dbMessage(error), values };
}

/** The case is not there (or not visible to this coordinator). */
export function missing(form: string, values: Record<string, string>): WorkspaceResult {
  return { ok: false, form, errors: {}, message: 'Fant ikke saken. Den kan være slettet.', values };
}
