import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { createUser, expectNoAxeViolations, signIn, sql, submitApplication } from './support.ts';

// Every workspace page and action, for those who may not use it: anon is sent to sign-in; a
// signed-in user who is not (or no longer) an active coordinator sees nothing and changes nothing;
// a coordinator who is not a lead cannot change the team.

const pages = (reference: string) => [
  '/koordinator/',
  `/koordinator/sak/${reference}/`,
  '/koordinator/team/',
  `/koordinator/sak/${reference}/arkiv.pdf`,
  '/koordinator/arkiv/',
  '/koordinator/arkiv/arkivkopier.zip?fra=&til=',
  '/koordinator/innstillinger/',
];

const posts = (reference: string, someone: string) => [
  {
    path: `/koordinator/sak/${reference}/`,
    action: 'screening.changeStatus',
    form: { reference, status: 'in_review' },
  },
  {
    path: `/koordinator/sak/${reference}/`,
    action: 'screening.assign',
    form: { reference, assignee: someone },
  },
  {
    path: `/koordinator/sak/${reference}/`,
    action: 'screening.recordChecklist',
    form: { reference, item: 'conversation', date: '01.11.2026' },
  },
  {
    path: `/koordinator/sak/${reference}/`,
    action: 'screening.addNote',
    form: { reference, body: 'Forsøk', isContact: 'ja' },
  },
  {
    path: `/koordinator/sak/${reference}/`,
    action: 'screening.erase',
    form: { reference, confirm: 'ja' },
  },
  {
    path: '/koordinator/team/',
    action: 'team.invite',
    form: { email: 'inntrenger@eksempel.invalid', name: 'Inntrenger', role: 'lead' },
  },
  {
    path: '/koordinator/team/',
    action: 'team.changeMember',
    form: { userId: someone, change: 'deactivate' },
  },
  {
    path: '/koordinator/innstillinger/',
    action: 'settings.save',
    form: { dailyOverview: 'off' },
  },
];

/** What the attempts could have changed, to compare before and after. */
async function snapshot(applicationId: string, someone: string) {
  return sql(
    `select a.status, a.assigned_to, c.conversation_held_on,
            (select count(*)::int from public.application_notes n where n.application_id = a.id) as notes,
            (select active from public.coordinators where user_id = $2) as someone_active,
            (select count(*)::int from public.coordinator_settings s
              join public.coordinators co on co.user_id = s.user_id where not co.active)
              as settings_of_inactive,
            (select count(*)::int from public.coordinators co join auth.users u on u.id = co.user_id
              where u.email = 'inntrenger@eksempel.invalid') as intruders
       from public.applications a join public.application_checklists c on c.application_id = a.id
      where a.id = $1`,
    [applicationId, someone],
  );
}

async function expectShutOut(
  page: Page,
  request: APIRequestContext,
  reference: string,
  someone: string,
) {
  for (const path of pages(reference)) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/koordinator\/logg-inn\//);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Logg inn i arbeidsflaten');
  }
  await expectNoAxeViolations(page);
  const origin = new URL(page.url()).origin;
  for (const post of posts(reference, someone)) {
    const response = await request.post(`${post.path}?_action=${post.action}`, {
      form: post.form,
      headers: { Origin: origin },
      maxRedirects: 0,
    });
    expect(response.status(), post.action).toBe(303);
    expect(response.headers()['location'], post.action).toMatch(/^\/koordinator\/logg-inn\//);
  }
  // The Actions' own endpoint, outside the workspace's pages, refuses too.
  const rpc = await request.post('/_actions/screening.changeStatus', {
    form: { reference, status: 'in_review' },
    headers: { Origin: origin },
    maxRedirects: 0,
  });
  expect(rpc.status()).toBeGreaterThanOrEqual(400);
}

test('anon is sent to sign-in from every page and action', async ({ page }) => {
  const application = await submitApplication('besokshjem');
  const someone = await createUser('coordinator');
  const before = await snapshot(application.id, someone.id);
  await expectShutOut(page, page.request, application.reference, someone.id);
  expect(await snapshot(application.id, someone.id)).toEqual(before);
});

test('a coordinator deactivated while signed in sees and changes nothing', async ({ page }) => {
  const application = await submitApplication('besokshjem');
  const someone = await createUser('coordinator');
  const user = await createUser('lead');
  await signIn(page, user.email);
  await sql('update public.coordinators set active = false where user_id = $1', [user.id]);
  const before = await snapshot(application.id, someone.id);
  await expectShutOut(page, page.request, application.reference, someone.id);
  expect(await snapshot(application.id, someone.id)).toEqual(before);
});

test('a signed-in user who is not a coordinator sees and changes nothing', async ({ page }) => {
  const application = await submitApplication('tilsynsperson');
  const someone = await createUser('coordinator');
  const user = await createUser('lead');
  await signIn(page, user.email);
  // Still signed in at Auth, no longer on the coordinator list at all.
  await sql('delete from public.coordinators where user_id = $1', [user.id]);
  const before = await snapshot(application.id, someone.id);
  await expectShutOut(page, page.request, application.reference, someone.id);
  expect(await snapshot(application.id, someone.id)).toEqual(before);
});

test('a coordinator who is not a lead cannot see or change the team', async ({ page }) => {
  const someone = await createUser('coordinator');
  const user = await createUser('coordinator');
  await signIn(page, user.email);
  await page.goto('/koordinator/team/');
  await expect(page.getByText('Bare ledere kan se og endre koordinatorlisten.')).toBeVisible();
  await expect(page.getByRole('button', { name: /Deaktiver|Send invitasjon/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  const before = await snapshot((await submitApplication('besokshjem')).id, someone.id);
  const origin = new URL(page.url()).origin;
  for (const post of posts('BH-2222-2222', someone.id).filter((p) =>
    p.action.startsWith('team.'),
  )) {
    const response = await page.request.post(`${post.path}?_action=${post.action}`, {
      form: post.form,
      headers: { Origin: origin },
    });
    // The team page is forbidden for a coordinator who does not lead.
    expect(response.status(), post.action).toBe(403);
  }
  const after = await sql<{ someone_active: boolean; intruders: number }>(
    `select (select active from public.coordinators where user_id = $1) as someone_active,
            (select count(*)::int from auth.users where email = 'inntrenger@eksempel.invalid') as intruders`,
    [someone.id],
  );
  expect(after[0]).toEqual({ someone_active: true, intruders: 0 });
  expect(before.length).toBe(1);
});
