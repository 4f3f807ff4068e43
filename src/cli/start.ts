/**
 * `npm start` (build and serve) and `npm run dev` (Astro's dev server): validates the
 * configuration, uses the configured Supabase project or starts the local stack, then runs the site.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { commandConfig, configWarnings } from '../lib/server/config.ts';
import {
  defaultDataDir,
  projectRoot,
  runningState,
  StackError,
  startStack,
  type Stack,
} from '../../supabase/local/stack.ts';
import { appendFileSync, mkdirSync } from 'node:fs';

const mode = process.argv.includes('--dev')
  ? 'dev'
  : process.argv.includes('--no-build')
    ? 'serve'
    : 'build-and-serve';
const astroBin = path.join(projectRoot, 'node_modules/astro/bin/astro.mjs');

async function assertPortFree(host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', () =>
      reject(
        new StackError(
          `Port ${port} is in use; stop the program using it or set PORT to another port.`,
        ),
      ),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

function runToEnd(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: projectRoot, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new StackError(`\`${args.slice(1).join(' ')}\` failed (exit code ${code}).`)),
    );
  });
}

async function waitForSite(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new StackError(`The site did not answer at ${url}.`);
}

const config = commandConfig(projectRoot);
for (const warning of configWarnings(config)) console.warn(`Note: ${warning}`);

let ownedStack: Stack | undefined;
let site: ChildProcess | undefined;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (site && site.exitCode === null) {
      const exited = new Promise((r) => site?.once('exit', r));
      site.kill('SIGTERM');
      await exited;
    }
    await ownedStack?.stop().catch(() => undefined);
  }
  process.exit(code);
}
process.on('exit', () => site?.kill('SIGTERM'));
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  if (config.PORT === 0)
    throw new StackError('PORT=0 does not work with `npm start`: set a fixed port (default 4321).');
  await assertPortFree(config.HOST, config.PORT);
  let supabaseUrl = config.SUPABASE_URL;
  let anonKey = config.SUPABASE_ANON_KEY;
  // Server-only: the e-mail outbox's sender uses it; the local stack's comes with the stack.
  let serviceRoleKey = config.SUPABASE_SERVICE_ROLE_KEY;
  let where = 'the Supabase project in SUPABASE_URL';
  // The local stack's mail viewer (codes and sign-in links); none with a hosted project.
  let mailUrl: string | undefined;
  if (!supabaseUrl) {
    const running = runningState(defaultDataDir);
    if (running) {
      supabaseUrl = running.url;
      anonKey = running.anonKey;
      serviceRoleKey = running.serviceRoleKey;
      mailUrl = running.mailUrl;
      where = `${defaultDataDir} (the stack started by \`npm run db:start\`; it keeps running)`;
    } else {
      const started = performance.now();
      mkdirSync(defaultDataDir, { recursive: true });
      const logFile = path.join(defaultDataDir, 'stack.log');
      ownedStack = await startStack({
        dir: defaultDataDir,
        log: (line) => appendFileSync(logFile, `${line}\n`),
        // Sign-in links in the local mails point at this site.
        siteUrl: `http://${config.HOST}:${config.PORT}`,
      });
      supabaseUrl = ownedStack.url;
      mailUrl = ownedStack.mailUrl;
      anonKey = ownedStack.anonKey;
      serviceRoleKey = ownedStack.serviceRoleKey;
      where = `${defaultDataDir} (local stack, ${ownedStack.fresh ? 'created' : 'started'} in ${Math.round(performance.now() - started)} ms)`;
    }
  }
  const env = {
    ...process.env,
    SUPABASE_URL: supabaseUrl,
    SUPABASE_ANON_KEY: anonKey,
    ...(serviceRoleKey ? { SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey } : {}),
    HOST: config.HOST,
    PORT: String(config.PORT),
  };
  const siteUrl = `http://${config.HOST}:${config.PORT}/`;

  if (mode === 'dev') {
    site = spawn(
      process.execPath,
      [astroBin, 'dev', '--host', config.HOST, '--port', String(config.PORT)],
      { cwd: projectRoot, env, stdio: 'inherit' },
    );
  } else {
    if (mode === 'build-and-serve') await runToEnd([astroBin, 'build'], env);
    // serve.ts runs the built site behind security headers (prerendered files included).
    site = spawn(process.execPath, [path.join(projectRoot, 'src/cli/serve.ts')], {
      cwd: projectRoot,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
  site.on('exit', (code) => void shutdown(stopping ? 0 : (code ?? 1)));
  await waitForSite(siteUrl, site);
  console.log(
    `\n  Site:     ${siteUrl}\n  API:      ${supabaseUrl}\n${mailUrl ? `  Mail:     ${mailUrl} (sign-in codes, and the portal's e-mails without RESEND_API_KEY)\n` : ''}  Data:     ${where}\n\n  Press Ctrl-C to stop.\n`,
  );
} catch (error) {
  console.error(
    error instanceof StackError
      ? error.message
      : `Could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  await shutdown(1);
}
