/**
 * The local stack's command line:
 * `node supabase/local/cli.ts <start|stop|status|reset|types|lint|migration|run>`. `start` runs the
 * stack in the background (`run` is that background process); the others find it through the state
 * file in `.data/`.
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { checkSchema, formattedTypes, typesFile, writeBaseline, writeMigration } from './schema.ts';
import {
  ANY_PORTS,
  cleanupStale,
  defaultDataDir,
  lintDatabase,
  processMatches,
  projectRoot,
  readState,
  resetDatabase,
  runningState,
  StackError,
  startStack,
  type StackInfo,
} from './stack.ts';

const dir = process.env['SUPABASE_LOCAL_DIR']
  ? path.resolve(process.env['SUPABASE_LOCAL_DIR'])
  : defaultDataDir;
const logFile = path.join(dir, 'stack.log');

/** The env lines a client needs, as `db:status` prints them. */
export function envLines(info: StackInfo): string {
  return [
    `SUPABASE_URL=${info.url}`,
    `SUPABASE_ANON_KEY=${info.anonKey}`,
    `SUPABASE_SERVICE_ROLE_KEY=${info.serviceRoleKey}`,
    `SUPABASE_DB_URL=${info.dbUrl}`,
    `SUPABASE_JWT_SECRET=${info.jwtSecret}`,
    // Stacks from before the local Auth service have no mail viewer.
    ...(info.mailUrl ? [`SUPABASE_MAIL_URL=${info.mailUrl}`] : []),
    ...(info.mailboxDir ? [`SUPABASE_MAILBOX_DIR=${info.mailboxDir}`] : []),
  ].join('\n');
}

function timestamp(): string {
  return new Date().toISOString();
}

async function waitForStart(childPid: number): Promise<StackInfo> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const state = readState(dir);
    if (state?.ownerPid === childPid) return state;
    if (!processMatches(childPid, 'node')) {
      const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n') : [];
      const error = tail.reverse().find((line) => line.startsWith('ERROR: '));
      throw new StackError(
        error?.slice('ERROR: '.length) ?? `The stack stopped while starting; see ${logFile}.`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new StackError(`The stack did not start within 60 s; see ${logFile}.`);
}

/** Starts the stack in the background, or says it is already running. */
async function start(): Promise<void> {
  const running = runningState(dir);
  if (running) {
    console.log(
      `The local stack is already running (pid ${running.ownerPid}).\n${envLines(running)}`,
    );
    return;
  }
  const started = performance.now();
  mkdirSync(dir, { recursive: true });
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, [path.join(projectRoot, 'supabase/local/cli.ts'), 'run'], {
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...process.env, SUPABASE_LOCAL_DIR: dir },
  });
  closeSync(out);
  child.unref();
  const info = await waitForStart(child.pid ?? -1);
  console.log(
    `Local Supabase stack started in ${Math.round(performance.now() - started)} ms (data in ${dir}, log in ${logFile}).\n${envLines(info)}`,
  );
}

/** Runs the stack in the foreground until SIGINT or SIGTERM. */
async function runForeground(): Promise<void> {
  console.log(`${timestamp()} starting the local stack in ${dir}`);
  const stack = await startStack({ dir, log: (line) => console.log(line) });
  console.log(`${timestamp()} ready at ${stack.url}`);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log(`${timestamp()} stopping`);
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** Stops the background stack, or cleans up after one that crashed. */
async function stop(): Promise<void> {
  const running = runningState(dir);
  if (running) {
    process.kill(running.ownerPid, 'SIGTERM');
    const deadline = Date.now() + 30_000;
    while (processMatches(running.ownerPid, 'node') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    if (processMatches(running.ownerPid, 'node'))
      throw new StackError(
        `The stack (pid ${running.ownerPid}) did not stop within 30 s; stop it with \`kill ${running.ownerPid}\`.`,
      );
    console.log('The local stack is stopped.');
    return;
  }
  console.log(
    (await cleanupStale(dir))
      ? 'Stopped what was left of a stack that did not stop cleanly.'
      : 'The local stack is not running.',
  );
}

function status(): void {
  const running = runningState(dir);
  if (!running) {
    console.error(
      'The local stack is not running. Start it with `npm run db:start` (or `npm start`).',
    );
    process.exitCode = 1;
    return;
  }
  console.log(envLines(running));
}

/**
 * Runs `task` against the running stack, or against a temporary one started for it (with
 * SUPABASE_LOCAL_FREE_PORTS=1 on ports its servers bind themselves, so that e.g. `db:lint` can run
 * beside `npm start`).
 */
async function withStack<T>(task: (info: StackInfo) => Promise<T>): Promise<T> {
  const running = runningState(dir);
  if (running) return task(running);
  const stack = await startStack({
    dir,
    ...(process.env['SUPABASE_LOCAL_FREE_PORTS'] === '1' ? { ports: ANY_PORTS } : {}),
  });
  try {
    return await task(stack);
  } finally {
    await stack.stop();
  }
}

async function reset(): Promise<void> {
  const running = runningState(dir);
  if (running) {
    await resetDatabase(running.dbUrl, (line) => console.log(line));
    console.log('The database is reset: bootstrap, migrations and seed applied.');
    return;
  }
  await cleanupStale(dir);
  rmSync(path.join(dir, 'db'), { recursive: true, force: true });
  const stack = await startStack({ dir });
  await stack.stop();
  console.log('The database is reset: bootstrap, migrations and seed applied.');
}

async function types(): Promise<void> {
  writeFileSync(typesFile, await withStack((info) => formattedTypes(info.dbUrl)));
  console.log(`Wrote ${path.relative(projectRoot, typesFile)}.`);
}

/**
 * `migration <name>` writes the migration for what changed in supabase/schemas/; `migration
 * --check` fails when supabase/schemas/, supabase/migrations/ and the generated types disagree;
 * `migration baseline` writes the first migration into an empty supabase/migrations/.
 */
async function migration(): Promise<void> {
  const argument = process.argv[3] ?? '';
  if (argument === 'baseline') {
    console.log(`Wrote ${path.relative(projectRoot, writeBaseline('baseline'))}.`);
    return;
  }
  if (argument === '--check') {
    const problems = await withStack((info) => checkSchema(info.dbUrl));
    if (problems.length === 0) {
      console.log('supabase/schemas, supabase/migrations and the generated types agree.');
      return;
    }
    console.error(
      `${problems.join('\n')}\n\n${problems.length} difference(s). Write the migration with \`npm run db:migration -- <name>\` (or \`npm run db:types\` for the types).`,
    );
    process.exitCode = 1;
    return;
  }
  if (!argument || argument.startsWith('-'))
    throw new StackError('Usage: npm run db:migration -- <name> | --check');
  const written = await withStack((info) => writeMigration(info.dbUrl, argument));
  if (!written.file) {
    console.log(
      'Nothing to write: supabase/migrations already gives what supabase/schemas declares.',
    );
    return;
  }
  console.log(`Wrote ${path.relative(projectRoot, written.file)}.`);
  if (written.remaining.length > 0) {
    console.error(
      `${written.remaining.join('\n')}\n\nThe migration does not give all of supabase/schemas yet (above, what still differs); add it to the file by hand, then run \`npm run db:migration -- --check\`.`,
    );
    process.exitCode = 1;
  }
}

async function lint(): Promise<void> {
  const result = await withStack((info) => lintDatabase(info.dbUrl));
  console.log(result.output || 'No issues found.');
  if (!result.clean) process.exitCode = 1;
}

const commands: Record<string, () => Promise<void> | void> = {
  start,
  run: runForeground,
  stop,
  status,
  reset,
  types,
  lint,
  migration,
};

const name = process.argv[2] ?? '';
const command = commands[name];
if (!command) {
  console.error(`Usage: node supabase/local/cli.ts <${Object.keys(commands).join('|')}>`);
  process.exit(2);
}
try {
  await command();
} catch (error) {
  // One line that says what to do; the details are in the stack log.
  const message =
    error instanceof StackError
      ? error.message
      : `Unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
  console.error(name === 'run' ? `ERROR: ${message}` : message);
  process.exit(1);
}
