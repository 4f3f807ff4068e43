import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  freePorts,
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
async function startElsewhere(ports: Awaited<ReturnType<typeof freePorts>>) {
  const script = `
    import { startStack } from ${JSON.stringify(path.join(projectRoot, 'supabase/local/stack.ts'))};
    const stack = await startStack({ dir: ${JSON.stringify(dir)}, ports: ${JSON.stringify(ports)}, durable: false });
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
    const ports = await freePorts();
    const child = await startElsewhere(ports);
    try {
      const error = await startStack({ dir, ports, durable: false }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StackError);
      expect((error as Error).message).toMatch(/already running .*npm run db:stop/);
      expect((error as Error).message).not.toContain('\n');
      expect((await fetch(`http://127.0.0.1:${ports.api}/health`)).status).toBe(200);
    } finally {
      await stopProcess(child, 'SIGTERM');
    }
    expect(readState(dir)).toBeUndefined();
  });

  it('a start after a crash cleans up the orphaned servers and works', async () => {
    const ports = await freePorts();
    const child = await startElsewhere(ports);
    const crashed = readState(dir);
    await stopProcess(child, 'SIGKILL');
    // Postgres and PostgREST outlive a SIGKILLed owner and still hold their ports.
    expect(crashed?.postgrestPid).toBeGreaterThan(0);
    expect(() => process.kill(crashed?.postgrestPid ?? 0, 0)).not.toThrow();

    stack = await startStack({ dir, ports, durable: false });
    expect(stack.fresh).toBe(false);
    expect(() => process.kill(crashed?.postgrestPid ?? 0, 0)).toThrow();
    const answer = await fetch(`${stack.url}/rest/v1/`, { headers: { apikey: stack.anonKey } });
    expect(answer.status).toBe(200);
  });

  it('a port taken by another program is named in one line', async () => {
    const ports = await freePorts();
    const other = (await import('node:net')).createServer().listen(ports.db, '127.0.0.1');
    await new Promise((r) => other.once('listening', r));
    const otherDir = mkdtempSync(path.join(os.tmpdir(), 'fosterportal-port-'));
    try {
      const error = await startStack({ dir: otherDir, ports, durable: false }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StackError);
      expect((error as Error).message).toMatch(
        new RegExp(`^Port ${ports.db} \\(Postgres\\) is in use`),
      );
    } finally {
      other.close();
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});

async function stopProcess(child: ReturnType<typeof spawn>, signal: NodeJS.Signals): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}
