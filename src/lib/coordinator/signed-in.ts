/**
 * The signed-in coordinator of a workspace page or file route, from what the middleware hands on
 * (src/env.d.ts): their client, who they are, and whether they lead. The middleware lets only
 * active coordinators this far; the redirect to the sign-in page is for the type checker.
 */
import type { APIContext } from 'astro';
import type { Coordinator } from '../server/auth/access.ts';
import type { SessionClient } from '../server/auth/session.ts';
import { SIGN_IN_PATH } from './sign-in.ts';

export interface SignedIn {
  client: SessionClient;
  coordinator: Coordinator;
  isLead: boolean;
}

/** The signed-in coordinator, or the redirect to the sign-in page to answer with. */
export function signedIn(context: Pick<APIContext, 'locals' | 'redirect'>): SignedIn | Response {
  const workspace = context.locals.workspace;
  if (workspace?.access.kind !== 'coordinator') return context.redirect(SIGN_IN_PATH, 303);
  const { coordinator } = workspace.access;
  return { client: workspace.client, coordinator, isLead: coordinator.role === 'lead' };
}
