import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { load } from 'js-yaml';
import { formatNorwegianDate, osloDate } from '../../../src/lib/dates.ts';
import { fieldsOf } from '../../../src/lib/forms/definition.ts';
import { forms, withReferees, type RawAnswers } from '../../../src/lib/forms/index.ts';
import { refereeField } from '../../../src/lib/forms/referees.ts';
import type { ApplicationKind } from '../../../src/lib/reference.ts';
import { ProfileSchema } from '../../../src/schemas/profile.ts';
import { projectRoot } from '../../../supabase/local/stack.ts';

/** How many referees the built forms ask for: the profile's refereesWanted. */
export const REFEREES_WANTED = ProfileSchema.parse(
  load(readFileSync(path.join(projectRoot, 'content/profile/kommune.yaml'), 'utf8')),
).refereesWanted;

/** The form as the site shows it, with the profile's referees. */
export const shownForm = (kind: ApplicationKind) => withReferees(forms[kind], REFEREES_WANTED);

/** Valid answers for the referees' fields (none of them the applicant's e-mail). */
export function refereeAnswers(count = REFEREES_WANTED): RawAnswers {
  const answers: RawAnswers = {};
  const names = ['Ola Venn', 'Per Kollega', 'Lise Nabo', 'Anne Trener', 'Ida Leder'];
  for (let n = 1; n <= count; n++) {
    answers[refereeField(n, 'full_name')] = names[n - 1] ?? `Referanse ${n}`;
    answers[refereeField(n, 'relation')] = n === 1 ? 'Venn i ti år' : 'Kollega';
    answers[refereeField(n, 'phone')] = `4123456${n}`;
    answers[refereeField(n, 'email')] = `referanse-${n}-${uniqueEmail()}`;
  }
  return answers;
}

export const todayTyped = () => formatNorwegianDate(osloDate(new Date()));

export const uniqueEmail = () =>
  `soker-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.no`;

/** Valid answers for a form, as a person would give them. */
export function validAnswers(kind: ApplicationKind, overrides: RawAnswers = {}): RawAnswers {
  const common: RawAnswers = {
    fullName: 'Kari Nordmann',
    email: uniqueEmail(),
    phone: '912 34 567',
    callTime: 'ettermiddag',
    streetAddress: 'Storgata 1',
    postcode: '7010',
    postalPlace: 'Trondheim',
    over18: 'ja',
    motivation: 'Jeg har tid og liker å være sammen med barn.',
    certificate: 'har',
    certificateIssuedOn: todayTyped(),
    commitmentMonths: '24',
    heardAbout: 'nettside',
    consent: 'ja',
  };
  const own: RawAnswers =
    kind === 'besokshjem'
      ? {
          applyingWith: 'alene',
          adults: '2',
          othersInformed: 'ja',
          children: '1',
          childrenAges: '7',
          spareBed: 'ja',
          weekendsPerMonth: '2',
          alsoAvailable: ['ferier'],
          siblings: 'kanskje',
          suitedAges: ['6-12', '13-18'],
          confirmStable: 'ja',
          confirmCapacity: 'ja',
          confirmLikesChildren: 'ja',
          confirmRoutines: 'ja',
        }
      : {
          experienceKinds: ['jobb', 'frivillig'],
          experienceYears: '6',
          availability: ['kveld', 'helg'],
          childrenCapacity: '2',
          languages: 'norsk, engelsk',
          confirmContact: 'ja',
          confirmStable: 'ja',
        };
  return { ...common, ...own, ...refereeAnswers(), ...overrides };
}

/** Presses Tab until the element is focused: proves it is reachable by keyboard, in order. */
export async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Could not reach ${selector} with Tab`);
}

/** Fills the form with the keyboard only, field by field in the order they are shown. */
export async function fillByKeyboard(page: Page, kind: ApplicationKind, answers: RawAnswers) {
  for (const field of fieldsOf(shownForm(kind))) {
    const value = answers[field.name];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
      continue;
    const id = `#felt-${field.name}`;
    if (field.type === 'text' || field.type === 'textarea') {
      await tabTo(page, id);
      await page.keyboard.type(String(value));
    } else if (field.type === 'confirm') {
      await tabTo(page, id);
      await page.keyboard.press('Space');
    } else if (field.type === 'checkboxes') {
      for (const [index, option] of field.options.entries()) {
        if (!(value as string[]).includes(option.value)) continue;
        await tabTo(page, `${id}-${index}`);
        await page.keyboard.press('Space');
      }
    } else {
      // A radio group is one tab stop; the arrow keys move the choice.
      const index = field.options.findIndex((o) => o.value === value);
      await tabTo(page, `${id}-0`);
      if (index === 0) await page.keyboard.press('Space');
      for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
      await expect(page.locator(`${id}-${index}`)).toBeChecked();
    }
  }
}

/** Fills the form quickly (for tests about something else than the keyboard). */
export async function fillQuickly(page: Page, kind: ApplicationKind, answers: RawAnswers) {
  for (const field of fieldsOf(shownForm(kind))) {
    const value = answers[field.name] ?? '';
    const id = `#felt-${field.name}`;
    if (field.type === 'text' || field.type === 'textarea') {
      if ((await page.locator(id).count()) > 0) await page.locator(id).fill(String(value));
    } else if (field.type === 'confirm') {
      await page.locator(id).setChecked(value === 'ja');
    } else if (field.type === 'checkboxes') {
      for (const [index, option] of field.options.entries())
        await page.locator(`${id}-${index}`).setChecked((value as string[]).includes(option.value));
    } else {
      const index = field.options.findIndex((o) => o.value === value);
      if (index >= 0) await page.locator(`${id}-${index}`).check();
    }
  }
}

export { expectNoAxeViolations } from '../../support/axe.ts';

export const formPath = (kind: ApplicationKind) => forms[kind].path;

export const referencePattern = /^(BH|TP)-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;
