/**
 * Micro-bench (issue 17): the local gateway's API-key check, the hand-written HS256 check
 * (supabase/local/gateway.ts until it was replaced; read here from git) against jose's
 * `jwtVerify` (the gateway as it is now). Two measures, variants interleaved, order rotating:
 *
 *   1. one verify of the demo anon key, in microseconds (a tight loop, this process);
 *   2. the gateway's requests/s and its CPU per request at 1 and 50 connections (autocannon), each
 *      gateway in a child process of its own in front of a loopback stand-in for PostgREST, so
 *      the figure is the gateway's own cost (PostgREST would hide it).
 *
 * Writes tests/bench/results/gateway.json.
 *
 *   node_modules/.bin/node tests/bench/micro/gateway.ts     (ROUNDS=5 SECONDS=5 by default)
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { LOCAL_ANON_KEY, LOCAL_JWT_SECRET } from '../../../supabase/local/keys.ts';
import { projectRoot } from '../../../supabase/local/stack.ts';
import { writeResult } from './result.ts';
import { median, spread, summarize } from './stats.ts';

// The last version of the gateway with the hand-written check (it imports only node: modules and
// a type), loaded from git so the comparison can be rerun after the check left the tree.
const HAND_WRITTEN = '9c723106118e002eedb613db3b4073e3235e40b1:supabase/local/gateway.ts';
// "jose-again" is the same gateway measured a second time: its ratio to "jose" is the noise of a
// side-by-side comparison on this machine (an A/A test).
const VARIANTS = ['hand-written', 'jose', 'jose-again'] as const;
const CONNECTIONS = [1, 50] as const;
type Variant = (typeof VARIANTS)[number];
type Verify = (token: string) => Promise<string | undefined> | string | undefined;

interface GatewayModule {
  startGateway(options: {
    port: number;
    restPort: number;
    jwtSecret: string;
  }): Promise<http.Server>;
  verifyKeyRole(token: string, key: unknown): Promise<string | undefined> | string | undefined;
  hmacKey?: (secret: string) => Promise<unknown>;
}

const moduleFile = (variant: Variant, handWrittenFile: string) =>
  variant === 'hand-written'
    ? handWrittenFile
    : path.join(projectRoot, 'supabase/local/gateway.ts');

// --- the gateway (a child process) -------------------------------------------------------------

async function gatewayChild(): Promise<void> {
  const [file, port, restPort] = process.argv.slice(3);
  const gateway = (await import(pathToFileURL(file ?? '').href)) as GatewayModule;
  const server = await gateway.startGateway({
    port: Number(port),
    restPort: Number(restPort),
    jwtSecret: LOCAL_JWT_SECRET,
  });
  let cpu = process.cpuUsage();
  process.on('message', (message) => {
    if (message === 'start') {
      cpu = process.cpuUsage();
      process.send?.({ cpuUs: 0 });
    }
    if (message === 'stop') {
      const used = process.cpuUsage(cpu);
      process.send?.({ cpuUs: used.user + used.system }, () => {
        server.close();
        process.exit(0);
      });
    }
  });
  // Port 0: the gateway binds one of its own and says which.
  process.send?.({ port: (server.address() as { port: number }).port });
}

function startGatewayChild(
  file: string,
  restPort: number,
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [import.meta.filename, '--gateway', file, '0', String(restPort)],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    child.once('message', (ready) => resolve({ child, port: (ready as { port: number }).port }));
    child.once('exit', (code) => reject(new Error(`gateway exited ${code}`)));
  });
}

const ask = (child: ChildProcess, message: string) =>
  new Promise<{ cpuUs: number }>((resolve) => {
    child.once('message', (answer) => resolve(answer as { cpuUs: number }));
    child.send(message);
  });

async function load(url: string, connections: number, seconds: number) {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: { apikey: LOCAL_ANON_KEY },
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return result.requests.total;
}

// --- one verify ---------------------------------------------------------------------------------

async function verifier(variant: Variant, handWrittenFile: string): Promise<Verify> {
  const gateway = (await import(
    pathToFileURL(moduleFile(variant, handWrittenFile)).href
  )) as GatewayModule;
  if (variant === 'hand-written') return (token) => gateway.verifyKeyRole(token, LOCAL_JWT_SECRET);
  const key = await gateway.hmacKey?.(LOCAL_JWT_SECRET);
  return (token) => gateway.verifyKeyRole(token, key);
}

async function timeVerify(verify: Verify, iterations: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) {
    if ((await verify(LOCAL_ANON_KEY)) !== 'anon') throw new Error('the demo key did not verify');
  }
  return ((performance.now() - start) * 1_000) / iterations;
}

// --- the driver ---------------------------------------------------------------------------------

async function main(): Promise<void> {
  const rounds = Number(process.env['ROUNDS'] ?? 5);
  const seconds = Number(process.env['SECONDS'] ?? 5);
  const iterations = 20_000;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fosterportal-bench-gateway-'));
  const handWrittenFile = path.join(dir, 'gateway.ts');
  writeFileSync(
    handWrittenFile,
    execFileSync('git', ['-C', projectRoot, 'show', HAND_WRITTEN], { encoding: 'utf8' }),
  );
  // The stand-in for PostgREST: an empty JSON array, at once.
  const upstream = http.createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('[]');
  });
  upstream.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const restPort = (upstream.address() as AddressInfo).port;
  const loadBefore = os.loadavg();

  const verifiers = Object.fromEntries(
    await Promise.all(VARIANTS.map(async (v) => [v, await verifier(v, handWrittenFile)] as const)),
  ) as Record<Variant, Verify>;
  for (const v of VARIANTS) await timeVerify(verifiers[v], iterations); // warm-up

  const verifySamples: { variant: Variant; round: number; microseconds: number }[] = [];
  const gatewaySamples: {
    variant: Variant;
    round: number;
    connections: number;
    perSecond: number;
    cpuUsPerRequest: number;
    loadAverage1m: number;
  }[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length] as Variant);
      for (const variant of order) {
        const microseconds = await timeVerify(verifiers[variant], iterations);
        verifySamples.push({ variant, round, microseconds });
        console.log(`round ${round + 1} verify ${variant}: ${microseconds.toFixed(2)} µs`);
      }
      for (const connections of CONNECTIONS) {
        for (const variant of order) {
          const { child, port } = await startGatewayChild(
            moduleFile(variant, handWrittenFile),
            restPort,
          );
          try {
            const url = `http://127.0.0.1:${port}/rest/v1/applications`;
            await load(url, connections, 1); // warm-up
            const loadAverage1m = os.loadavg()[0] ?? 0;
            await ask(child, 'start');
            const requests = await load(url, connections, seconds);
            const { cpuUs } = await ask(child, 'stop');
            const sample = {
              variant,
              round,
              connections,
              perSecond: requests / seconds,
              cpuUsPerRequest: cpuUs / requests,
              loadAverage1m,
            };
            gatewaySamples.push(sample);
            console.log(
              `round ${round + 1} gateway ×${connections} ${variant}: ${sample.perSecond.toFixed(0)}/s, ` +
                `${sample.cpuUsPerRequest.toFixed(0)} µs CPU/request, load ${loadAverage1m.toFixed(2)}`,
            );
          } finally {
            child.kill();
          }
        }
      }
    }
  } finally {
    upstream.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const verifyOf = (v: Variant) =>
    verifySamples.filter((s) => s.variant === v).map((s) => s.microseconds);
  const gatewayOf = (v: Variant, c: number, field: 'perSecond' | 'cpuUsPerRequest') =>
    gatewaySamples.filter((s) => s.variant === v && s.connections === c).map((s) => s[field]);
  // Each round's figure of `variant` over jose's, measured back to back.
  const paired = (values: (v: Variant) => number[], variant: Variant) => {
    const other = values(variant);
    return summarize(values('jose').map((jose, i) => (other[i] ?? 0) / jose));
  };
  const summary = {
    verifyMicroseconds: {
      ...Object.fromEntries(VARIANTS.map((v) => [v, summarize(verifyOf(v))])),
      // < 1: the hand-written check is faster.
      handWrittenOverJose: median(verifyOf('hand-written')) / median(verifyOf('jose')),
      paired: paired(verifyOf, 'hand-written'),
      noise: paired(verifyOf, 'jose-again'),
    },
    gateway: CONNECTIONS.map((connections) => ({
      connections,
      ...Object.fromEntries(
        VARIANTS.map((v) => [
          v,
          {
            perSecond: summarize(gatewayOf(v, connections, 'perSecond')),
            cpuUsPerRequest: summarize(gatewayOf(v, connections, 'cpuUsPerRequest')),
          },
        ]),
      ),
      // > 1: the gateway with the hand-written check serves more requests a second.
      handWrittenOverJosePerSecond:
        median(gatewayOf('hand-written', connections, 'perSecond')) /
        median(gatewayOf('jose', connections, 'perSecond')),
      spread: Math.max(
        spread(gatewayOf('hand-written', connections, 'perSecond')),
        spread(gatewayOf('jose', connections, 'perSecond')),
      ),
      pairedPerSecond: paired((v) => gatewayOf(v, connections, 'perSecond'), 'hand-written'),
      noisePerSecond: paired((v) => gatewayOf(v, connections, 'perSecond'), 'jose-again'),
      pairedCpu: paired((v) => gatewayOf(v, connections, 'cpuUsPerRequest'), 'hand-written'),
      noiseCpu: paired((v) => gatewayOf(v, connections, 'cpuUsPerRequest'), 'jose-again'),
    })),
  };
  writeResult('gateway', loadBefore, {
    settings: { rounds, seconds, warmUpSeconds: 1, verifyIterations: iterations },
    summary,
    verifySamples,
    gatewaySamples,
  });
  console.log(JSON.stringify(summary, null, 2));
}

if (process.argv[2] === '--gateway') await gatewayChild();
else await main();
