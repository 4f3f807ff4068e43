import { applicant } from './applicant.ts';
import { applications } from './applications.ts';
import { coordinatorAuth } from './coordinator-auth.ts';
import { household } from './household.ts';
import { journal } from './journal.ts';
import { links } from './links.ts';
import { screening } from './screening.ts';
import { settings } from './settings.ts';
import { team } from './team.ts';

export const server = {
  applicant,
  applications,
  coordinatorAuth,
  household,
  journal,
  links,
  screening,
  settings,
  team,
};
