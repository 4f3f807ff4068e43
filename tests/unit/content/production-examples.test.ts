/**
 * A production build refuses what is not the municipality's yet: every example (a meeting, a
 * contact, the placeholder logo, a .invalid address) and every unconfirmed fact in content/ is
 * listed, in Norwegian, with the file to change. Checked on the shipped content, on a copy with
 * every marker removed (nothing listed, and the content still valid), and once for real:
 * `NODE_ENV=production npm run build` on a copy of the project stops before Astro builds.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
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
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplesMessage, findExamples } from '../../../src/lib/content-examples.ts';

const projectRoot = path.resolve(import.meta.dirname, '../../..');
const content = path.join(projectRoot, 'content');
let copy = '';

/** A copy of the project's sources; node_modules linked entry by entry. */
function copyProject(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'fosterportal-examples-'));
  for (const item of ['astro.config.mjs', 'tsconfig.json', 'package.json', 'content', 'src']) {
    cpSync(path.join(projectRoot, item), path.join(root, item), { recursive: true });
  }
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

/** Every content file of a folder, relative to it. */
const contentFiles = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) =>
    /\.(ya?ml|mdx)$/.test(name),
  );

/** What the municipality does when it has confirmed everything: the markers go. */
function removeMarkers(dir: string): void {
  for (const name of contentFiles(dir)) {
    const file = path.join(dir, name);
    const text = readFileSync(file, 'utf8')
      .replace(/^\s*example: true\n/gm, '')
      .replace(/^unconfirmed:\n(?:\s+- .*\n)+/m, '')
      .replace(/https:\/\/[\w.-]+\.invalid[^\s]*/g, 'https://www.kommune.no/mote');
    writeFileSync(file, text);
  }
}

/** Runs a command in the copy with Node 24 first on PATH; returns exit code and output. */
function run(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, {
    cwd: copy,
    encoding: 'utf8',
    env: {
      ...process.env,
      PATH: `${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      ...env,
    },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('the shipped content lists each example with its file', () => {
  const found = findExamples(content, projectRoot);
  const lines = examplesMessage(found).split('\n');

  it('every meeting is an example', () => {
    const meetings = contentFiles(path.join(content, 'meetings'));
    expect(meetings.length).toBeGreaterThan(0);
    for (const name of meetings) {
      const { title } = load(readFileSync(path.join(content, 'meetings', name), 'utf8')) as {
        title: string;
      };
      const line = lines.find((l) => l.startsWith(`- content/meetings/${name}: Møtet «${title}»`));
      expect(line, name).toMatch(/er et eksempel\.$/);
    }
  });

  it.each([
    [
      'the unconfirmed contact',
      'content/profile/kommune.yaml: Kontakten «Koordinator for tilsynspersoner» er et eksempel.',
    ],
    [
      'the other municipality’s team',
      'content/profile/kommune.yaml: Kontakten «Fosterhjemsteamet» er et eksempel.',
    ],
    [
      'the placeholder logo',
      'content/profile/kommune.yaml: Logoen (/logo.svg, «Steinkjer kommune, barnevernstjenesten») er en plassholder.',
    ],
    [
      'the placeholder meeting link',
      'content/meetings/2027-01-14-tilsynsperson-digitalt.yaml: «mote.eksempel.invalid» er en eksempeladresse (.invalid).',
    ],
    [
      'the accessibility statement on uustatus.no',
      'content/pages/tilgjengelighet.mdx: Ikke bekreftet: Den offisielle erklæringen på uustatus.no',
    ],
    [
      'the unconfirmed data protection officer address',
      'content/profile/kommune.yaml: Ikke bekreftet: privacy.dpoEmail',
    ],
    [
      'the unconfirmed supervision rule',
      'content/roles/tilsynsperson.mdx: Ikke bekreftet: At barn i fosterhjem som hovedregel',
    ],
  ])('%s', (_what, line) => {
    expect(lines.some((l) => l.startsWith(`- ${line}`))).toBe(true);
  });

  it('every unconfirmed line of every file is listed', () => {
    let count = 0;
    for (const name of contentFiles(content)) {
      const text = readFileSync(path.join(content, name), 'utf8');
      const front = name.endsWith('.mdx') ? (/^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '') : text;
      const { unconfirmed = [] } = (load(front) ?? {}) as { unconfirmed?: string[] };
      for (const item of unconfirmed) {
        count += 1;
        expect(lines).toContain(`- content/${name}: Ikke bekreftet: ${item}`);
      }
    }
    expect(count).toBeGreaterThan(10);
  });

  it('the message is Norwegian and says what to do', () => {
    expect(lines[0]).toMatch(/^Bygget for produksjon stopper/);
    expect(lines[1]).toContain('content/README.md');
  });
});

// The copies take seconds on a quiet machine, much longer on a busy one.
describe('on a copy of the project', { timeout: 300_000 }, () => {
  beforeAll(() => {
    copy = copyProject();
  });
  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('NODE_ENV=production npm run build stops with the list, before Astro builds', () => {
    const { status, output } = run('npm', ['run', '--silent', 'build'], {
      NODE_ENV: 'production',
    });
    expect(status).not.toBe(0);
    expect(output).toContain('Bygget for produksjon stopper');
    for (const line of examplesMessage(findExamples(content, projectRoot)).split('\n'))
      expect(output).toContain(line);
    expect(existsSync(path.join(copy, 'dist'))).toBe(false);
  });

  it('without NODE_ENV=production the check lets the build go on', () => {
    expect(run(process.execPath, ['src/cli/check-examples.ts']).status).toBe(0);
  });

  it('once every marker is gone, nothing is listed and the content is still valid', () => {
    removeMarkers(path.join(copy, 'content'));
    expect(findExamples(path.join(copy, 'content'), copy)).toEqual([]);
    const check = run(process.execPath, ['src/cli/check-examples.ts'], { NODE_ENV: 'production' });
    expect(check.output.trim()).toBe('');
    expect(check.status).toBe(0);
    const sync = run(process.execPath, [
      path.join(copy, 'node_modules/astro/bin/astro.mjs'),
      'sync',
    ]);
    expect(sync.output).not.toMatch(/InvalidContentEntryDataError/);
    expect(sync.status).toBe(0);
  });
});
