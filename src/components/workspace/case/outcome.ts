/**
 * What a case section needs of its own Action: where its forms post, and the failure of the last
 * post to show next to the form that caused it (the database's refusal, field messages, what was
 * typed). Each section reads its own Action's result; the page only redirects after a success and
 * sets the status.
 */
import type { AstroGlobal } from 'astro';
import type { WorkspaceResult } from '../../../actions/workspace-common.ts';

export type Failure = Extract<WorkspaceResult, { ok: false }>;

/** The failure in an Action result (from `Astro.getActionResult`), if the post failed. */
export function failureOf(result: { data?: unknown } | undefined): Failure | undefined {
  const data = result?.data as WorkspaceResult | undefined;
  return data && !data.ok ? data : undefined;
}

/** The failure if it belongs to the form `form`. */
export function failureFor(failure: Failure | undefined, form: string): Failure | undefined {
  return failure?.form === form ? failure : undefined;
}

type Action = Parameters<AstroGlobal['getActionResult']>[0];

/**
 * A section's forms that post to `action` on this page: the form's `action` attribute and the
 * failure of the last post (only if it belongs to the form `form`, when one is named).
 */
export function sectionForm(
  astro: AstroGlobal,
  action: Action,
  form?: string,
): { action: string; failure: Failure | undefined } {
  const failure = failureOf(astro.getActionResult(action));
  return {
    action: `${astro.url.pathname}${action}`,
    failure: form === undefined ? failure : failureFor(failure, form),
  };
}
