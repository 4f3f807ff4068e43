import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import net, { type AddressInfo } from 'node:net';
import pg from 'pg';
import {
  candidatePort,
  initCluster,
  startPostgresOnPort,
  stopPostgres,
} from '../../supabase/local/postgres.ts';
import {
  ANY_PORTS,
  projectRoot,
  readState,
  StackError,
  startStack,
  type Stack,
} from '../../supabase/local/stack.ts';

// These start their own stacks in their own folders, beside the shared one of the db tests.
const dir = mkdtempSync(path.join(os.tmpdir(), 'fosterportal-lifecycle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts a stack in another process, as `npm run db:start` does, and returns that process. */
async function startElsewhere() {
  const script = `
    import { ANY_PORTS, startStack } from ${JSON.stringify(path.join(projectRoot, 'supabase/local/stack.ts'))};
    const stack = await startStack({ dir: ${JSON.stringify(dir)}, ports: ANY_PORTS, durable: false });
    process.on('SIGTERM', () => stack.stop().then(() => process.exit(0)));
    console.log('ready');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`the stack process exited with ${code}`)));
  });
  return child;
}

describe('starting and stopping the local stack', () => {
  let stack: Stack | undefined;
  afterAll(async () => stack?.stop());

  it('a second start while one runs says so in one line and changes nothing', async () => {
    const child = await startElsewhere();
    try {
      const first = readState(dir);
      const error = await startStack({ dir, ports: ANY_PORTS, durable: false }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StackError);
      expect((error as Error).message).toMatch(/already running .*npm run db:stop/);
      expect((error as Error).message).not.toContain('\n');
      expect((await fetch(`${first?.url}/health`)).status).toBe(200);
    } finally {
      await stopProcess(child, 'SIGTERM');
    }
    expect(readState(dir)).toBeUndefined();
  });

  it('a start after a crash cleans up the orphaned servers and works', async () => {
    const child = await startElsewhere();
    const crashed = readState(dir);
    await stopProcess(child, 'SIGKILL');
    // Postgres and PostgREST outlive a SIGKILLed owner and still hold their ports.
    expect(crashed?.postgrestPid).toBeGreaterThan(0);
    expect(() => process.kill(crashed?.postgrestPid ?? 0, 0)).not.toThrow();

    stack = await startStack({ dir, ports: ANY_PORTS, durable: false });
    expect(stack.fresh).toBe(false);
    expect(() => process.kill(crashed?.postgrestPid ?? 0, 0)).toThrow();
    const answer = await fetch(`${stack.url}/rest/v1/`, { headers: { apikey: stack.anonKey } });
    expect(answer.status).toBe(200);
  });

  it.each([
    { server: 'api', name: 'API gateway' },
    { server: 'mail', name: 'mail viewer' },
    { server: 'db', name: 'Postgres' },
    { server: 'rest', name: 'PostgREST' },
  ] as const)('a port taken by another program is named in one line ($name)', async (each) => {
    // Another program holds a port; a stack told to use it for this server says so.
    const other = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => other.once('listening', r));
    const taken = (other.address() as AddressInfo).port;
    const otherDir = mkdtempSync(path.join(os.tmpdir(), 'fosterportal-port-'));
    try {
      const error = await startStack({
        dir: otherDir,
        ports: { ...ANY_PORTS, [each.server]: taken },
        durable: false,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StackError);
      expect((error as Error).message).toMatch(
        new RegExp(`^Port ${taken} \\(${each.name}\\) is in use`),
      );
      expect((error as Error).message).not.toContain('\n');
    } finally {
      other.close();
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});

describe('a throwaway Postgres', () => {
  it('tries another port while the one it tried is taken, and listens on the one it got', async () => {
    const other = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => other.once('listening', r));
    const taken = (other.address() as AddressInfo).port;
    const folder = mkdtempSync(path.join(os.tmpdir(), 'fosterportal-pg-port-'));
    // Postgres runs as the `postgres` user when we are root; it must be able to enter the folder.
    chmodSync(folder, 0o755);
    const tried: number[] = [];
    const lines: string[] = [];
    try {
      await initCluster(path.join(folder, 'db'), 'postgres', () => undefined);
      const { child, port } = await startPostgresOnPort(
        path.join(folder, 'db'),
        0,
        ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'],
        (line) => lines.push(line),
        () => {
          tried.push(tried.length === 0 ? taken : candidatePort());
          return tried.at(-1) ?? 0;
        },
      );
      try {
        expect(tried[0]).toBe(taken);
        expect(port).toBe(tried.at(-1));
        expect(port).not.toBe(taken);
        expect(lines).toContain(`[postgres] port ${taken} is taken; trying another`);
        const db = new pg.Client({
          connectionString: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
        });
        await db.connect();
        expect((await db.query<{ port: string }>('show port')).rows[0]?.port).toBe(String(port));
        await db.end();
      } finally {
        await stopPostgres(child);
      }
    } finally {
      other.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

async function stopProcess(child: ReturnType<typeof spawn>, signal: NodeJS.Signals): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}
