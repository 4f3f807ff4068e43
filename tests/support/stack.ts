import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePorts, startStack, type Stack } from '../../supabase/local/stack.ts';

/**
 * A throwaway local stack on free ports in a temporary folder, so tests run beside `npm start`.
 * `stop()` also removes the folder.
 */
export async function startTestStack(log?: (line: string) => void): Promise<Stack> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fosterportal-test-'));
  try {
    const stack = await startStack({
      dir,
      ports: await freePorts(),
      durable: false,
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
