import { applications } from './applications.ts';
import { coordinatorAuth } from './coordinator-auth.ts';
import { screening } from './screening.ts';
import { team } from './team.ts';

export const server = { applications, coordinatorAuth, screening, team };
