// How src/lib/link-lifetimes.ts writes a limit in Norwegian: digits by default, and with `words`
// the numbers up to twelve in letters, with the unit's singular for one.
import { describe, expect, it } from 'vitest';
import { duration, seconds, type Limit } from '../../src/lib/link-lifetimes.ts';

describe('duration', () => {
  it.each<[Limit, boolean, string]>([
    [{ amount: 15, unit: 'minutes' }, false, '15 minutter'],
    [{ amount: 24, unit: 'hours' }, false, '24 timer'],
    [{ amount: 21, unit: 'days' }, false, '21 dager'],
    [{ amount: 7, unit: 'days' }, false, '7 dager'],
    [{ amount: 7, unit: 'days' }, true, 'sju dager'],
    [{ amount: 2, unit: 'hours' }, true, 'to timer'],
    [{ amount: 12, unit: 'hours' }, true, 'tolv timer'],
    [{ amount: 21, unit: 'days' }, true, '21 dager'],
    [{ amount: 1, unit: 'minutes' }, true, 'ett minutt'],
    [{ amount: 1, unit: 'hours' }, true, 'én time'],
    [{ amount: 1, unit: 'days' }, false, '1 dag'],
  ])('%o (words: %s) is "%s"', (limit, words, text) => {
    expect(duration(limit, { words })).toBe(text);
  });
});

describe('seconds', () => {
  it.each<[Limit, number]>([
    [{ amount: 15, unit: 'minutes' }, 900],
    [{ amount: 2, unit: 'hours' }, 7200],
    [{ amount: 21, unit: 'days' }, 1_814_400],
  ])('%o is %i s', (limit, expected) => {
    expect(seconds(limit)).toBe(expected);
  });
});
