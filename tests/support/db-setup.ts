import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import type { StackInfo } from '../../supabase/local/stack.ts';
import { startTestStack } from './stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway stack the database tests share. */
    stack: StackInfo;
    /** The file that receives every log line of that stack's Postgres and PostgREST. */
    stackLog: string;
  }
}

/** Vitest globalSetup for the database tests: one stack for the run, torn down after. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'fosterportal-test-log-'));
  const stackLog = path.join(logDir, 'stack.log');
  appendFileSync(stackLog, '');
  const stack = await startTestStack((line) => appendFileSync(stackLog, `${line}\n`));
  // Only plain data crosses to the test workers; the stack's functions stay here.
  const { url, anonKey, serviceRoleKey, dbUrl, jwtSecret, dir, ports, mailUrl, mailboxDir } = stack;
  project.provide('stack', {
    url,
    anonKey,
    serviceRoleKey,
    dbUrl,
    jwtSecret,
    dir,
    ports,
    mailUrl,
    mailboxDir,
  });
  project.provide('stackLog', stackLog);
  return async () => {
    await stack.stop();
    rmSync(logDir, { recursive: true, force: true });
  };
}
