/**
 * Starts the built site as `npm start` serves it (src/cli/serve.ts) on a port of its own (PORT=0)
 * and learns its URL from the line serve.ts prints once it listens, so no port is chosen while
 * free and bound later. Used by the e2e server, the tests with a site of their own
 * (own-site.ts), the production install and the benches.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../supabase/local/stack.ts';

/** A running site. */
export interface ServedSite {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  child: ChildProcess;
  /** What the site wrote to stdout and stderr so far, from offset `from` (default: all). */
  output(from?: number): string;
  /** The length of the output now: pass it to `output()` later to read only what came after. */
  mark(): number;
  /** Stops the site (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** The project copy whose `src/cli/serve.ts` and `dist/` to use; default this checkout. */
  root?: string;
  /** The whole environment of the site (HOST and PORT are set here). */
  env: NodeJS.ProcessEnv;
  /** Node flags before the script, e.g. `--import` hooks. */
  nodeArgs?: string[];
  /** Receives the site's output as it comes (e.g. to a log file). */
  onOutput?: (chunk: string) => void;
  /** How long the site may take to listen; default 60 s (a loaded machine). */
  timeoutMs?: number;
}

const LISTENING = /Serving dist\/ at (http:\/\/[^\s/]+)\//;

/** Starts serve.ts on 127.0.0.1, port 0; resolves with its URL once it listens. */
export function serveSite(options: ServeOptions): Promise<ServedSite> {
  const root = options.root ?? projectRoot;
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), path.join(root, 'src/cli/serve.ts')],
    {
      cwd: root,
      env: { ...options.env, HOST: '127.0.0.1', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(
        new Error(
          `The site did not listen within ${(options.timeoutMs ?? 60_000) / 1000} s:\n${output}`,
        ),
      );
    }, options.timeoutMs ?? 60_000);
    const take = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      options.onOutput?.(text);
      const url = LISTENING.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({
          url,
          child,
          output: (from = 0) => output.slice(from),
          mark: () => output.length,
          stop,
        });
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The site exited (code ${code}) before it listened:\n${output}`));
    });
  });
}

/**
 * The TCP port a process listens on, read from /proc (Linux), for a server told to bind port 0
 * that does not say which port it got (the benches' older builds of serve.ts). Waits until it
 * listens, up to `timeoutMs`.
 */
export async function listeningPort(pid: number, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const sockets = new Set<string>();
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const target = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        if (target) sockets.add(target);
      }
      for (const table of ['tcp', 'tcp6']) {
        for (const line of readFileSync(`/proc/${pid}/net/${table}`, 'utf8').split('\n').slice(1)) {
          const fields = line.trim().split(/\s+/);
          // fields: sl, local address, remote address, state (0A: LISTEN), …, inode (10th)
          if (fields[3] === '0A' && sockets.has(fields[9] ?? '')) {
            return parseInt(fields[1]?.split(':').pop() ?? '', 16);
          }
        }
      }
    } catch {
      // the process has not opened its socket yet, or has exited
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Process ${pid} did not listen within ${timeoutMs / 1000} s.`);
}
