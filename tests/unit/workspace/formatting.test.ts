// Dates and numbers in the workspace, written the Norwegian way in Europe/Oslo, and the queues'
// "Saksbehandler".
import { describe, expect, it } from 'vitest';
import { assigneeName, days, formatDateTime } from '../../../src/lib/coordinator/workspace.ts';

describe('dates and numbers the Norwegian way, in Europe/Oslo', () => {
  it.each([
    ['2026-12-01T22:40:00Z', '01.12.2026 kl. 23:40'],
    ['2026-07-01T22:40:00Z', '02.07.2026 kl. 00:40'],
    ['2026-03-29T00:30:00Z', '29.03.2026 kl. 01:30'],
    ['2026-03-29T01:30:00Z', '29.03.2026 kl. 03:30'],
  ])('%s → %s', (instant, text) => expect(formatDateTime(instant)).toBe(text));
  it.each([
    [1, '1 dag'],
    [0, '0 dager'],
    [12, '12 dager'],
  ])('%i → %s', (n, text) => expect(days(n)).toBe(text));
});

describe('the queues\' "Saksbehandler"', () => {
  const names = new Map([['a1', 'Kari Nordmann']]);
  it.each([
    ['a1', 'Kari Nordmann'],
    ['b2', 'Ukjent'],
    [null, 'Ingen'],
  ])('%s → %s', (id, text) => expect(assigneeName(names, id)).toBe(text));
});
