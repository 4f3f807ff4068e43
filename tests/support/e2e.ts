import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { StackInfo } from '../../supabase/local/stack.ts';

/** What the e2e web server started: the site's URL, its log file, and its stack. */
export interface E2EState extends StackInfo {
  baseURL: string;
  logFile: string;
}

/** Reads the state the e2e web server wrote (see e2e-server.ts). */
export function e2eState(): E2EState {
  const file = process.env['E2E_STATE_FILE'];
  if (!file)
    throw new Error('E2E_STATE_FILE is not set; run the tests through tests/playwright.config.ts');
  return JSON.parse(readFileSync(file, 'utf8')) as E2EState;
}

/** Runs `fn` with a superuser connection to the e2e stack's database (for checking what was stored). */
export async function withE2EDb<T>(fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: e2eState().dbUrl });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}
