import { applications } from './applications.ts';
import { coordinatorAuth } from './coordinator-auth.ts';

export const server = { applications, coordinatorAuth };
