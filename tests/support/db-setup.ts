import type { TestProject } from 'vitest/node';
import type { StackInfo } from '../../supabase/local/stack.ts';
import { startTestStack } from './stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway stack the database tests share. */
    stack: StackInfo;
  }
}

/** Vitest globalSetup for the database tests: one stack for the run, torn down after. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stack = await startTestStack();
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
  return () => stack.stop();
}
