/**
 * Playwright's global setup: starts the browser tests' server (e2e-server.ts) in a process of its
 * own, waits until it has started, and hands its URL and state file to the workers through the
 * environment (they inherit the runner's, and the config reads E2E_BASE_URL). The function it
 * returns is the teardown: it stops the server.
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../supabase/local/stack.ts';
import { e2eState } from './e2e.ts';

/** How long the stack and the site may take to start on a loaded machine. */
const START_TIMEOUT_MS = 180_000;

export default async function globalSetup(): Promise<() => Promise<void>> {
  process.env['E2E_STATE_FILE'] = path.join(os.tmpdir(), `fosterportal-e2e-${process.pid}.json`);
  process.env['E2E_LOG_FILE'] = path.join(os.tmpdir(), `fosterportal-e2e-${process.pid}.log`);
  const server = fork(path.join(projectRoot, 'tests/support/e2e-server.ts'), [], {
    cwd: projectRoot,
    env: process.env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`The e2e server did not start within ${START_TIMEOUT_MS / 1000} s.`)),
        START_TIMEOUT_MS,
      );
      server.once('message', (message) => {
        clearTimeout(timer);
        if (message === 'ready') resolve();
      });
      server.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`The e2e server stopped while starting (exit code ${code}).`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  process.env['E2E_BASE_URL'] = e2eState().baseURL;
  return stop;
}
