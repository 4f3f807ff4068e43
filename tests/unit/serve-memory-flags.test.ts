// serve.ts runs the site with the garbage collector's settings of src/cli/memory-flags.ts however
// it is started: started without them, it restarts itself with them in the same process (the
// same process id, so a supervisor and the bench see one process), before it checks its settings;
// a flag the operator gives is kept as given. The memory they save is measured in `npm run bench`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MEMORY_FLAGS } from '../../src/cli/memory-flags.ts';

const root = path.resolve(import.meta.dirname, '../..');
// Each process serve.ts runs as prints its id and flags as it starts (a hook given on the
// command line stays on the command line of the restarted process).
const report = 'data:text/javascript,console.log(JSON.stringify([process.pid,process.execArgv]))';

/** serve.ts without a database setting, so it stops at its settings check after any restart. */
function serve(nodeArgs: string[], env: Record<string, string> = {}) {
  const result = spawnSync(
    process.execPath,
    [...nodeArgs, '--import', report, path.join(root, 'src/cli/serve.ts')],
    {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  const starts = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('['))
    .map((line) => JSON.parse(line) as [number, string[]]);
  return { result, starts };
}

describe('the site process and its memory flags', () => {
  it('started without them, serve.ts restarts itself with them in the same process', () => {
    const { result, starts } = serve([]);
    expect(starts).toHaveLength(2);
    const [[firstPid, firstFlags], [pid, flags]] = starts as [
      [number, string[]],
      [number, string[]],
    ];
    expect(firstFlags).not.toContain(MEMORY_FLAGS[0]);
    expect(pid).toBe(firstPid);
    expect(pid).toBe(result.pid);
    for (const flag of MEMORY_FLAGS) expect(flags).toContain(flag);
    // V8 took the flags, and the restarted process went on to check its settings, once.
    expect(result.stderr).not.toMatch(/bad option/i);
    expect(result.stderr.match(/SUPABASE_URL: is required/g)).toHaveLength(1);
    expect(result.status).toBe(1);
  });

  it('keeps a flag the operator gives, on the command line or in NODE_OPTIONS, and adds the other', () => {
    for (const given of [
      serve(['--max-semi-space-size=32']),
      serve([], { NODE_OPTIONS: '--max_semi_space_size=32' }),
    ]) {
      const flags = given.starts.at(-1)?.[1] ?? [];
      expect(flags.filter((flag) => flag.includes('semi'))).not.toContain(MEMORY_FLAGS[0]);
      expect(flags).toContain('--heap-growing-percent=50');
      expect(given.result.stderr.match(/SUPABASE_URL: is required/g)).toHaveLength(1);
    }
  });

  it('started with all of them, it does not restart', () => {
    expect(serve(MEMORY_FLAGS).starts).toHaveLength(1);
  });
});
