// How a micro-bench records its run: the machine and its load around the run, then the figures,
// written to tests/bench/results/<name>.json.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../../supabase/local/stack.ts';

/** Writes the run of tests/bench/micro/<name>.ts; `loadBefore` is os.loadavg() at its start. */
export function writeResult(
  name: string,
  loadBefore: number[],
  figures: Record<string, unknown>,
  machine: Record<string, unknown> = {},
): void {
  const result = {
    bench: `tests/bench/micro/${name}.ts`,
    at: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      node: process.version,
      ...machine,
      loadAverageBefore: loadBefore,
      loadAverageAfter: os.loadavg(),
    },
    ...figures,
  };
  writeFileSync(
    path.join(projectRoot, `tests/bench/results/${name}.json`),
    `${JSON.stringify(result, null, 2)}\n`,
  );
}
