/**
 * `npm test`: unit and database tests (Vitest), then the site is built and the browser tests run
 * (Playwright in Chromium). Stops at the first failing stage; ends with one summary line that
 * says how long the whole run took.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { projectRoot } from '../supabase/local/stack.ts';

// Each tool runs on this Node (24 from node_modules), whatever `node` is first on PATH.
const tool = (name: string) => path.join(projectRoot, 'node_modules/.bin', name);
const reports = mkdtempSync(path.join(os.tmpdir(), 'fosterportal-reports-'));
const started = performance.now();
let passed = 0;
let failed = 0;
let skipped = 0;
// Passed only on a retry: reported as such, never counted as passed.
let flaky = 0;

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: projectRoot, stdio: 'inherit', env });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** A wall time as people say it: `42 s`, `14 min 32 s`. */
function wallTime(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

function finish(code: number): never {
  rmSync(reports, { recursive: true, force: true });
  console.log(
    `\n${passed} passed, ${failed} failed, ${skipped} skipped${flaky > 0 ? `, ${flaky} flaky` : ''} in ${wallTime(performance.now() - started)}`,
  );
  process.exit(code);
}

// The browser is checked first, so a machine without one fails at once and says what to do.
if (!existsSync('/usr/bin/chromium') && !existsSync(chromium.executablePath())) {
  console.error(
    'No Chromium found: install it with `apt-get install -y chromium` (Debian) or `npx playwright install chromium`.',
  );
  process.exit(1);
}

const vitestReport = path.join(reports, 'vitest.json');
const vitest = await run(process.execPath, [
  tool('vitest'),
  'run',
  '--config',
  'tests/vitest.config.ts',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);
if (existsSync(vitestReport)) {
  const report = JSON.parse(readFileSync(vitestReport, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
if (vitest !== 0) finish(vitest);

if ((await run(process.execPath, [tool('astro'), 'build'])) !== 0) {
  failed += 1;
  finish(1);
}

const playwrightReport = path.join(reports, 'playwright.json');
const playwright = await run(
  process.execPath,
  [tool('playwright'), 'test', '--config', 'tests/playwright.config.ts', '--reporter=list,json'],
  {
    ...process.env,
    PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightReport,
  },
);
if (existsSync(playwrightReport)) {
  const report = JSON.parse(readFileSync(playwrightReport, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  passed += report.stats.expected;
  failed += report.stats.unexpected;
  skipped += report.stats.skipped;
  flaky += report.stats.flaky;
}
finish(playwright);
