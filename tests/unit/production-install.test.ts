// A production install (`npm install --omit=dev`) runs `npm run outbox:send`: simulated by a
// resolve hook that refuses every dev-only package (tests/support/production-deps.ts). serve.ts is
// started the same way by every test with a site of its own (tests/support/own-site.ts).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const hook = ['--import', path.join(root, 'tests/support/production-deps.ts')];
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [...hook, ...args], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env },
    encoding: 'utf8',
    // Node with its import hook starts in a second, or in many on a loaded machine.
    timeout: 60_000,
  });

describe('a production install', () => {
  it('refuses a dev dependency (the simulation works)', () => {
    const result = run(['--input-type=module', '-e', "await import('pg')"]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('production install: pg is a dev dependency');
  });

  it('runs outbox:send as far as the database (here: nobody listening)', () => {
    const result = run(['src/cli/outbox-send.ts'], {
      SUPABASE_URL: 'http://127.0.0.1:9',
      SUPABASE_ANON_KEY: 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.c2lnbmF0dXJl',
      SUPABASE_SERVICE_ROLE_KEY:
        'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.c2lnbmF0dXJl',
    });
    expect(result.stderr).not.toContain('production install');
    expect(result.stderr).toContain('outbox: could not send');
    expect(result.status).toBe(1);
  });

  it('without a database setting, outbox:send says what to set instead of failing on an import', () => {
    const result = run(['src/cli/outbox-send.ts'], { SUPABASE_URL: '' });
    expect(result.stderr).not.toContain('production install');
    expect(result.stderr).toContain('No database: set SUPABASE_URL');
    expect(result.status).toBe(1);
  });
});
