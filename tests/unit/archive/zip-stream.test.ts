// The bulk export's ZIP stream: an entry is made only when the reader has taken what came before,
// so the first bytes leave before the later cases are rendered (memory stays flat; the figure for
// 1,000 cases is in `npm run bench`), and the entries arrive whole.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipStream, type ZipEntry } from '../../../src/lib/server/archive/export.ts';

/** `count` entries of 64 KiB each, counting how many have been made. */
function counted(count: number) {
  const made = { n: 0 };
  async function* entries(): AsyncGenerator<ZipEntry> {
    for (let i = 0; i < count; i++) {
      made.n++;
      yield {
        name: `SAK-${i}/arkivkopi.pdf`,
        data: new Uint8Array(64 * 1024).fill(i % 256),
        stored: true,
      };
    }
  }
  return { made, entries: entries() };
}

describe('the ZIP stream of the bulk export', () => {
  it('starts before all entries are made, and makes the next only as the reader reads', async () => {
    const { made, entries } = counted(200);
    const reader = zipStream(entries).getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect(made.n).toBeLessThan(5);
    let chunks = 1;
    while (!(await reader.read()).done) chunks++;
    expect(made.n).toBe(200);
    expect(chunks).toBeGreaterThan(200);
  });

  it('holds every entry whole', async () => {
    const { entries } = counted(30);
    const files = unzipSync(new Uint8Array(await new Response(zipStream(entries)).arrayBuffer()));
    expect(Object.keys(files)).toHaveLength(30);
    expect(files['SAK-7/arkivkopi.pdf']).toEqual(new Uint8Array(64 * 1024).fill(7));
  });

  it('stops making entries when the reader cancels', async () => {
    const { made, entries } = counted(200);
    const reader = zipStream(entries).getReader();
    await reader.read();
    await reader.cancel();
    const before = made.n;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(made.n).toBe(before);
    expect(made.n).toBeLessThan(200);
  });
});
