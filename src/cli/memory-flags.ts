/**
 * The site process's garbage-collector settings: serve.ts calls `withMemoryFlags()` first, which
 * restarts the process in place (`process.execve`: same process id, same output, same
 * environment) with the V8 flags below when it was started without them, so `node
 * src/cli/serve.ts` runs with them however it is started.
 *
 * Why (measured in issue 23, see docs/performance.md "Archive copy"): rendering archive copies
 * allocates fast, and with V8's defaults on a large machine the young generation grows to 128 MB
 * and the old generation to up to about four times what is live before it is collected; the
 * site reached 420 MB while exporting 1,000 cases, with about 30 MB of it live.
 * - `--max-semi-space-size=16`: a young generation of at most 2 × 16 MB instead of 2 × 64 MB;
 * - `--heap-growing-percent=50`: the old generation is collected once it has grown by half of
 *   what was live.
 * With both the export peaked near 200 MB, and the PDFs were not measured slower. They are given
 * at start because V8 sizes the young generation only then (setting it later does nothing) and
 * NODE_OPTIONS does not take the second. A flag the operator already gives (on the command line,
 * or in NODE_OPTIONS where Node allows it) is left as given.
 */
export const MEMORY_FLAGS = ['--max-semi-space-size=16', '--heap-growing-percent=50'];

/** Set in the restarted process, so that it never restarts again whatever it was given. */
const RESTARTED = 'FOSTERPORTAL_MEMORY_FLAGS';

export function withMemoryFlags(): void {
  if (process.env[RESTARTED] || typeof process.execve !== 'function') return;
  const given = [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)];
  // V8 takes `--max_semi_space_size` as well as `--max-semi-space-size`.
  const name = (arg: string) => arg.split('=')[0]?.replaceAll('_', '-');
  const missing = MEMORY_FLAGS.filter((flag) => !given.some((arg) => name(arg) === name(flag)));
  if (missing.length === 0) return;
  try {
    process.execve(
      process.execPath,
      [process.execPath, ...missing, ...process.execArgv, ...process.argv.slice(1)],
      { ...process.env, [RESTARTED]: '1' },
    );
  } catch {
    // Not possible on this platform (Windows): the site runs with V8's defaults.
  }
}
