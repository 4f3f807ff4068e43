import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ANY_PORTS,
  startStack,
  type Stack,
  type StackOptions,
} from '../../supabase/local/stack.ts';

/** What a test may choose for its stack (the folder and ports are always its own). */
export type TestStackOptions = Pick<StackOptions, 'log' | 'siteUrl' | 'auth'>;

/**
 * A throwaway local stack in a temporary folder, on ports its servers bind themselves, so tests
 * run beside `npm start` and beside each other.
 * `stop()` also removes the folder. Takes a log function (as before) or options, e.g.
 * `{ siteUrl, auth: { verifyPerFiveMinutes: 1000, otpFrequencySeconds: 0 } }` for a suite that
 * signs in many times.
 */
export async function startTestStack(
  options?: ((line: string) => void) | TestStackOptions,
): Promise<Stack> {
  const { log, ...rest } = typeof options === 'function' ? { log: options } : (options ?? {});
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fosterportal-test-'));
  try {
    const stack = await startStack({
      dir,
      ports: ANY_PORTS,
      durable: false,
      ...rest,
      ...(log ? { log } : {}),
    });
    return {
      ...stack,
      stop: async () => {
        await stack.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
