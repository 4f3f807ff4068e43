/**
 * Micro-bench (issue 17): the whole submission path of the built site with each fetch for
 * supabase-js, the hand-written one over node:http (read from git) against undici's fetch with an
 * Agent (src/lib/server/supabase-fetch.ts). Two temporary copies of the project are built, one
 * with each; the sites run against one throwaway local stack, and autocannon posts valid
 * applications to the form's Action at 1 and 50 connections, the variants interleaved and their
 * order rotating between rounds. Besides requests/s it reads each site process's CPU time per
 * submission from /proc (Linux).
 *
 * Two controls in every round: a second site of the undici build ("undici-again"), whose ratio
 * to the first is the noise of a side-by-side comparison on this machine (an A/A test), and the
 * same inserts straight to PostgREST at 50 connections, for the bench's target "PostgREST ÷ site
 * ≤ 2" per variant. Writes tests/bench/results/site-fetch.json.
 *
 *   node_modules/.bin/node tests/bench/micro/site-fetch.ts     (ROUNDS=5 SECONDS=5 by default)
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { projectRoot } from '../../../supabase/local/stack.ts';
import { applicationPayload } from '../../support/payloads.ts';
import { startTestStack } from '../../support/stack.ts';
import { visitHomeAnswers } from '../../unit/forms/fixtures.ts';
import { copyProject, startSite } from '../project-copy.ts';
import { writeResult } from './result.ts';
import { median, summarize } from './stats.ts';

// The last version of the hand-written fetch; the copy gets it under the new module's name.
const HAND_WRITTEN = 'fd835ad6252c648c7c2bed087c670cff1a3c953f:src/lib/server/http-fetch.ts';
const VARIANTS = ['hand-written', 'undici', 'undici-again'] as const;
const CONNECTIONS = [1, 50] as const;
type Variant = (typeof VARIANTS)[number];

function buildCopy(variant: 'hand-written' | 'undici'): string {
  const dir = copyProject(`fosterportal-bench-${variant}-`);
  if (variant === 'hand-written') {
    const source = execFileSync('git', ['-C', projectRoot, 'show', HAND_WRITTEN], {
      encoding: 'utf8',
    });
    writeFileSync(
      path.join(dir, 'src/lib/server/supabase-fetch.ts'),
      `${source}\nexport { httpFetch as supabaseFetch, createHttpFetch as createSupabaseFetch };\n`,
    );
  }
  execFileSync(process.execPath, [path.join(projectRoot, 'node_modules/.bin/astro'), 'build'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return dir;
}

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/** User plus system CPU time of a process, in microseconds (Linux: /proc/<pid>/stat). */
function cpuMicroseconds(child: ChildProcess): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return (ticks / ticksPerSecond) * 1e6;
}

function formBody(id: string): string {
  const answers = visitHomeAnswers({
    email: `ytelse-${id.slice(0, 8)}@example.no`,
    submissionId: id,
    certificate: 'bestiller',
    certificateIssuedOn: '',
  });
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(answers))
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  return body.toString();
}

/** Posts applications for `seconds`; every answer must say they were stored. */
async function load(url: string, connections: number, seconds: number, serviceRoleKey?: string) {
  let acknowledged = 0;
  const latencies: number[] = [];
  // Straight to PostgREST with the site's key (serviceRoleKey given), or to the site's Action.
  const direct = serviceRoleKey !== undefined;
  const instance = autocannon({
    url: direct
      ? `${url}/rest/v1/rpc/submit_application`
      : `${url}/_actions/applications.submitVisitHome/`,
    connections,
    duration: seconds,
    method: 'POST',
    headers: direct
      ? {
          apikey: serviceRoleKey,
          authorization: `Bearer ${serviceRoleKey}`,
          'content-type': 'application/json',
        }
      : { origin: url, 'content-type': 'application/x-www-form-urlencoded' },
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          body: direct
            ? JSON.stringify({ application: applicationPayload('besokshjem') })
            : formBody(randomUUID()),
        }),
        onResponse: (status, body) => {
          if (status === 200 && (direct || body.includes('"sent"'))) acknowledged += 1;
        },
      },
    ],
  });
  instance.on('response', (_client, _status, _bytes, time: number) => latencies.push(time));
  const result = await instance;
  if (acknowledged !== result.requests.total || result.errors > 0) {
    throw new Error(`${result.requests.total} posted, ${acknowledged} stored`);
  }
  return { requests: result.requests.total, p50Ms: median(latencies) };
}

async function main(): Promise<void> {
  const rounds = Number(process.env['ROUNDS'] ?? 5);
  const seconds = Number(process.env['SECONDS'] ?? 5);
  console.log('building both copies …');
  const builds = { 'hand-written': buildCopy('hand-written'), undici: buildCopy('undici') };
  const dirs: Record<Variant, string> = { ...builds, 'undici-again': builds.undici };
  const stack = await startTestStack();
  const env = {
    SUPABASE_URL: stack.url,
    SUPABASE_ANON_KEY: stack.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
    SUBMIT_RATE_LIMIT: '100000000',
  };
  const sites: Partial<Record<Variant, { url: string; child: ChildProcess }>> = {};
  const loadBefore = os.loadavg();
  const samples: {
    variant: Variant;
    round: number;
    connections: number;
    perSecond: number;
    p50Ms: number;
    cpuUsPerSubmission: number;
    loadAverage1m: number;
  }[] = [];
  const postgrest: { round: number; perSecond: number; loadAverage1m: number }[] = [];
  try {
    for (const v of VARIANTS) sites[v] = await startSite(dirs[v], env);
    for (let round = 0; round < rounds; round++) {
      const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length] as Variant);
      for (const connections of CONNECTIONS) {
        for (const variant of order) {
          const site = sites[variant];
          if (!site) throw new Error(`no site for ${variant}`);
          await load(site.url, connections, 1); // warm-up
          const loadAverage1m = os.loadavg()[0] ?? 0;
          const cpuBefore = cpuMicroseconds(site.child);
          const { requests, p50Ms } = await load(site.url, connections, seconds);
          const cpu = cpuMicroseconds(site.child) - cpuBefore;
          const sample = {
            variant,
            round,
            connections,
            perSecond: requests / seconds,
            p50Ms,
            cpuUsPerSubmission: cpu / requests,
            loadAverage1m,
          };
          samples.push(sample);
          console.log(
            `round ${round + 1} site ×${connections} ${variant}: ${sample.perSecond.toFixed(0)}/s, ` +
              `p50 ${p50Ms.toFixed(1)} ms, ${sample.cpuUsPerSubmission.toFixed(0)} µs site CPU/submission, ` +
              `load ${loadAverage1m.toFixed(2)}`,
          );
        }
      }
      await load(stack.url, 50, 1, stack.serviceRoleKey); // warm-up
      const loadAverage1m = os.loadavg()[0] ?? 0;
      const { requests } = await load(stack.url, 50, seconds, stack.serviceRoleKey);
      postgrest.push({ round, perSecond: requests / seconds, loadAverage1m });
      console.log(`round ${round + 1} PostgREST alone ×50: ${(requests / seconds).toFixed(0)}/s`);
    }
  } finally {
    for (const site of Object.values(sites)) site.child.kill();
    await stack.stop();
    for (const dir of Object.values(builds)) rmSync(dir, { recursive: true, force: true });
  }

  const of = (v: Variant, c: number, field: 'perSecond' | 'cpuUsPerSubmission' | 'p50Ms') =>
    samples.filter((s) => s.variant === v && s.connections === c).map((s) => s[field]);
  const summary = CONNECTIONS.map((connections) => {
    // Each round's figure of `variant` over undici's, measured minutes apart at most.
    const paired = (variant: Variant, field: 'perSecond' | 'cpuUsPerSubmission') => {
      const other = of(variant, connections, field);
      return summarize(of('undici', connections, field).map((lib, i) => (other[i] ?? 0) / lib));
    };
    return {
      connections,
      ...Object.fromEntries(
        VARIANTS.map((v) => [
          v,
          {
            perSecond: summarize(of(v, connections, 'perSecond')),
            cpuUsPerSubmission: summarize(of(v, connections, 'cpuUsPerSubmission')),
            p50Ms: summarize(of(v, connections, 'p50Ms')),
          },
        ]),
      ),
      // > 1: the site with the hand-written fetch stores more applications a second.
      handWrittenOverUndiciPerSecond:
        median(of('hand-written', connections, 'perSecond')) /
        median(of('undici', connections, 'perSecond')),
      pairedPerSecond: paired('hand-written', 'perSecond'),
      pairedCpu: paired('hand-written', 'cpuUsPerSubmission'),
      // The A/A control: the same build twice; how far from 1 this strays is the noise.
      noisePerSecond: paired('undici-again', 'perSecond'),
      noiseCpu: paired('undici-again', 'cpuUsPerSubmission'),
      // The bench's target at 50 connections: PostgREST's requests/s over the site's, ≤ 2.
      ...(connections === 50
        ? {
            postgrestOverSite: Object.fromEntries(
              VARIANTS.map((v) => [
                v,
                summarize(
                  of(v, 50, 'perSecond').map((site, i) => (postgrest[i]?.perSecond ?? 0) / site),
                ),
              ]),
            ),
          }
        : {}),
    };
  });
  writeResult('site-fetch', loadBefore, {
    settings: { rounds, seconds, warmUpSeconds: 1 },
    summary,
    samples,
    postgrest,
  });
  console.log(JSON.stringify(summary, null, 2));
}

await main();
