/**
 * What the link pages' browser tests start from: a case stored through submit_application with
 * the site's own mapping (a visit home applying together, with the profile's referees), and
 * personal links issued as the database owner (private.issue_link_token, as the sender does when
 * it claims a link e-mail), since the database keeps only a token's hash.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createClient } from '@supabase/supabase-js';
import { expect, type Page } from '@playwright/test';
import type { Database } from '../../../src/lib/database.types.ts';
import { validate } from '../../../src/lib/forms/schema-cache.ts';
import { toSubmission } from '../../../src/lib/forms/submission.ts';
import { e2eState, withE2EDb } from '../../support/e2e.ts';
import { shownForm, uniqueEmail, validAnswers } from '../forms/helpers.ts';

export interface Case {
  id: string;
  reference: string;
  applicantName: string;
  /** Every answer of the application, to check that a link page shows none of them. */
  secrets: string[];
  referees: { id: string; full_name: string }[];
}

/** A visit home applying together with a partner, stored as the site stores it. */
export async function newCase(): Promise<Case> {
  const applicantName = `Kari Søker ${randomUUID().slice(0, 6)}`;
  const answers = validAnswers('besokshjem', {
    fullName: applicantName,
    applyingWith: 'sammen',
    partnerName: 'Ola Medsøker',
    partnerPhone: '98765432',
    partnerEmail: uniqueEmail(),
    phone: '934 56 781',
    streetAddress: 'Hemmeligveien 12',
    motivation: 'LENKE-HEMMELIG motivasjon',
    certificate: 'bestiller',
    certificateIssuedOn: '',
    submissionId: randomUUID(),
  });
  const result = validate(shownForm('besokshjem'), answers);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const { url, serviceRoleKey } = e2eState();
  const client = createClient<Database>(url, serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
  const { data: reference, error } = await client.rpc(
    'submit_application',
    toSubmission('besokshjem', result.data, '2.3') as never,
  );
  expect(error).toBeNull();
  return withE2EDb(async (db) => {
    const { rows } = await db.query<{ id: string }>(
      'select id from public.applications where reference = $1',
      [reference],
    );
    const id = rows[0]?.id ?? '';
    const referees = await db.query<{ id: string; full_name: string }>(
      'select id, full_name from public.referees where application_id = $1 order by position',
      [id],
    );
    return {
      id,
      reference: String(reference),
      applicantName,
      secrets: [
        String(answers['email']),
        'Hemmeligveien',
        'LENKE-HEMMELIG',
        '934 56 781',
        '93456781',
        String(answers['partnerEmail']),
        '98765432',
        String(reference),
        ...referees.rows.map((r) => r.full_name),
      ],
      referees: referees.rows,
    };
  });
}

/** A fresh link to the case's co-applicant part (pending, valid for 21 days). */
export const coApplicantLink = (c: Case) =>
  withE2EDb(async (db) => {
    const { rows } = await db.query<{ token: string }>(
      `select private.issue_link_token($1, 'co_applicant', $1) as token`,
      [c.id],
    );
    return `/soknad/medsoker/${rows[0]?.token}/`;
  });

/** A fresh link to a referee, who is asked from now on for 21 days. */
export const refereeLink = (c: Case, position = 0) =>
  withE2EDb(async (db) => {
    const referee = c.referees[position];
    await db.query(
      `update public.referees set status = 'asked', requested_at = now(),
          expires_at = now() + interval '21 days' where id = $1 and status in ('not_asked', 'asked')`,
      [referee?.id],
    );
    const { rows } = await db.query<{ token: string }>(
      `select private.issue_link_token($1, 'referee', $2) as token`,
      [c.id, referee?.id],
    );
    return `/referanse/${rows[0]?.token}/`;
  });

/** Moves a subject's link period into the past (asked 22 days ago, expired yesterday). */
export const expire = (table: 'co_applicant_parts' | 'referees', column: string, id: string) =>
  withE2EDb((db) =>
    db.query(
      `update public.${table} set requested_at = now() - interval '22 days',
          expires_at = now() - interval '1 day' where ${column} = $1`,
      [id],
    ),
  );

/** The site's own log since `mark` (its output goes to the e2e log file). */
export function siteLogSince(mark: number): string {
  return readFileSync(e2eState().logFile, 'utf8').slice(mark);
}
export const siteLogMark = () => readFileSync(e2eState().logFile, 'utf8').length;

/** The text a visitor reads: title, description and body. */
export async function visibleText(page: Page): Promise<string> {
  const description = await page.locator('meta[name="description"]').getAttribute('content');
  return `${await page.title()}\n${description ?? ''}\n${await page.locator('body').innerText()}`;
}

/** The headers every link page sends, and its robots meta. */
export async function expectPrivateHeaders(
  headers: Record<string, string>,
  page?: Page,
): Promise<void> {
  expect(headers['referrer-policy']).toBe('strict-origin');
  expect(headers['x-robots-tag']).toBe('noindex, nofollow');
  expect(headers['cache-control']).toBe('no-store');
  if (page) {
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
    await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'strict-origin');
  }
}
