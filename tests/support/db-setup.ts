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
  const { stop, fresh: _fresh, ...info } = stack;
  project.provide('stack', info);
  return stop;
}
