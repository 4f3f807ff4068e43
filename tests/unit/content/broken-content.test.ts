/**
 * A content file with a broken field must fail the build with a message that names the file
 * and the field. This runs Astro's real content sync on a throwaway copy of the project.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const projectRoot = path.resolve(import.meta.dirname, '../../..');
let copy = '';

/** A copy of what content sync needs; node_modules linked entry by entry so Vite's cache stays in the copy. */
function copyProject(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'fosterportal-content-'));
  for (const item of ['astro.config.mjs', 'tsconfig.json', 'package.json', 'content']) {
    cpSync(path.join(projectRoot, item), path.join(root, item), { recursive: true });
  }
  mkdirSync(path.join(root, 'src'));
  cpSync(path.join(projectRoot, 'src/content.config.ts'), path.join(root, 'src/content.config.ts'));
  cpSync(path.join(projectRoot, 'src/schemas'), path.join(root, 'src/schemas'), {
    recursive: true,
  });
  // astro.config.mjs registers the site's client directive from here.
  cpSync(path.join(projectRoot, 'src/lib/client'), path.join(root, 'src/lib/client'), {
    recursive: true,
  });
  mkdirSync(path.join(root, 'node_modules'));
  for (const entry of readdirSync(path.join(projectRoot, 'node_modules'))) {
    if (entry === '.vite') continue;
    symlinkSync(
      path.join(projectRoot, 'node_modules', entry),
      path.join(root, 'node_modules', entry),
    );
  }
  return root;
}

/** Runs `astro sync` (which validates every content file) in the copy; returns exit code and output. */
function syncContent(): { status: number | null; output: string } {
  const result = spawnSync(
    process.execPath,
    [path.join(copy, 'node_modules/astro/bin/astro.mjs'), 'sync'],
    { cwd: copy, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
  );
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** Replaces a file in the copy's content folder for one test, then puts it back. */
function withFile(relative: string, edit: (text: string) => string, check: () => void): void {
  const file = path.join(copy, 'content', relative);
  const original = readFileSync(file, 'utf8');
  writeFileSync(file, edit(original));
  try {
    check();
  } finally {
    writeFileSync(file, original);
  }
}

// Each test syncs the content of a copy: seconds on a quiet machine, much longer on a loaded one.
describe('broken content fails the build', { timeout: 120_000 }, () => {
  beforeAll(() => {
    copy = copyProject();
  });
  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('the shipped content passes', () => {
    const { status, output } = syncContent();
    expect(output).not.toMatch(/InvalidContentEntryDataError/);
    expect(status).toBe(0);
  });

  it('a meeting without a date names the file and the date field', () => {
    withFile(
      'meetings/2026-12-03-besokshjem.yaml',
      (text) => text.replace(/^date:.*\n/m, ''),
      () => {
        const { status, output } = syncContent();
        expect(status).not.toBe(0);
        expect(output).toContain('content/meetings/2026-12-03-besokshjem.yaml');
        expect(output).toMatch(/^\s*date: Datoen mangler/m);
      },
    );
  });

  it('a profile with a broken e-mail address names the file and the field', () => {
    withFile(
      'profile/kommune.yaml',
      (text) => text.replace(/^email: .*$/m, 'email: ikke-en-adresse'),
      () => {
        const { status, output } = syncContent();
        expect(status).not.toBe(0);
        expect(output).toContain('content/profile/kommune.yaml');
        expect(output).toMatch(/^\s*email: /m);
      },
    );
  });
});
