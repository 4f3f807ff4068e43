/**
 * Single sign-on with the municipality's account: the setting shows the button, the button sends
 * the coordinator to the identity provider Auth names, and without a provider for the domain the
 * page says so. The SAML exchange itself needs Entra ID and cannot run here.
 */
import { expect, test } from '@playwright/test';
import { SIGN_IN_MESSAGES } from '../../../src/lib/coordinator/sign-in.ts';
import { startOwnSite, type OwnSite } from '../../support/own-site.ts';
import { expectNoAxeViolations } from './support.ts';

const BUTTON = 'Logg inn med kommunens konto';
// Where the stand-in identity provider "is": the test answers for it in the browser.
const IDP = 'http://idp.eksempel.invalid/saml/sso';

test.describe('with COORDINATOR_SSO_DOMAIN set', () => {
  let site: OwnSite;
  test.beforeAll(async () => {
    // A stack and a site to start: as much room as a slow test (test.slow() is not for hooks).
    test.setTimeout(3 * test.info().timeout);
    site = await startOwnSite(
      { COORDINATOR_SSO_DOMAIN: 'kommune.eksempel.invalid' },
      { auth: { ssoProviders: { 'kommune.eksempel.invalid': IDP } } },
    );
  });
  test.afterAll(async () => site?.stop());

  test('the link sends the coordinator to the identity provider', async ({ page }) => {
    await page.route(`${IDP}**`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<title>IdP</title><h1>Kommunens innlogging</h1>',
      }),
    );
    await test.step('the sign-in page offers the municipality account first', async () => {
      await page.goto(`${site.baseURL}/koordinator/logg-inn/`);
      await expect(page.getByRole('link', { name: BUTTON })).toBeVisible();
      await expectNoAxeViolations(page);
    });
    await test.step('pressing it leads to the URL Auth gave for the domain', async () => {
      await page.getByRole('link', { name: BUTTON }).click();
      await expect(page).toHaveURL(/^http:\/\/idp\.eksempel\.invalid\/saml\/sso\?RelayState=/);
    });
  });

  test('a return from the identity provider with a bad code signs nobody in', async ({ page }) => {
    await page.goto(`${site.baseURL}/koordinator/logg-inn/sso/?code=feil`);
    await expect(page).toHaveURL(/\/koordinator\/logg-inn\/\?melding=sso-feil$/);
    await expect(page.getByText(SIGN_IN_MESSAGES.ssoUnavailable)).toBeVisible();
    await page.goto(`${site.baseURL}/koordinator/`);
    await expect(page).toHaveURL(/\/koordinator\/logg-inn\//);
  });
});

test.describe('with a domain Auth has no provider for', () => {
  let site: OwnSite;
  test.beforeAll(async () => {
    // A stack and a site to start: as much room as a slow test (test.slow() is not for hooks).
    test.setTimeout(3 * test.info().timeout);
    site = await startOwnSite({ COORDINATOR_SSO_DOMAIN: 'ukjent.eksempel.invalid' });
  });
  test.afterAll(async () => site?.stop());

  test('the page says single sign-on does not work, and the code still does', async ({ page }) => {
    await page.goto(`${site.baseURL}/koordinator/logg-inn/`);
    await page.getByRole('link', { name: BUTTON }).click();
    await expect(page).toHaveURL(/\/koordinator\/logg-inn\/\?melding=sso-feil$/);
    await expect(page.getByText(SIGN_IN_MESSAGES.ssoUnavailable)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send meg en kode' })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test('without the setting there is no SSO link', async ({ page }) => {
  await page.goto('/koordinator/logg-inn/');
  await expect(page.getByRole('button', { name: 'Send meg en kode' })).toBeVisible();
  await expect(page.getByRole('link', { name: BUTTON })).toHaveCount(0);
});
