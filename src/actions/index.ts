import { applications } from './applications.ts';
import { coordinatorAuth } from './coordinator-auth.ts';
import { journal } from './journal.ts';
import { links } from './links.ts';
import { screening } from './screening.ts';
import { team } from './team.ts';

export const server = { applications, coordinatorAuth, journal, links, screening, team };
