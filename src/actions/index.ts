import { applications } from './applications.ts';

export const server = { applications };
