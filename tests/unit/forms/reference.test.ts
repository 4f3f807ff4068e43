import { describe, expect, it } from 'vitest';
import { REFERENCE_ALPHABET, parseReference } from '../../../src/lib/reference.ts';

// The database's copy of the alphabet is held to this one by tests/db/references.test.ts.
describe('references', () => {
  it('use 32 characters without 0, O, 1 or I', () => {
    expect(new Set(REFERENCE_ALPHABET).size).toBe(32);
    expect(REFERENCE_ALPHABET).not.toMatch(/[01OI]/);
  });

  it('are read with exactly the characters of the alphabet', () => {
    const accepted = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'].filter((c) =>
      parseReference(`BH-${c.repeat(4)}-${c.repeat(4)}`),
    );
    expect(accepted).toEqual([...REFERENCE_ALPHABET].sort());
  });

  it.each([
    ['BH-7K3M-Q9XD', 'besokshjem'],
    ['tp-7k3m-q9xd', 'tilsynsperson'],
    [' TP-2222-ZZZZ ', 'tilsynsperson'],
  ])('%s is a %s reference', (input, kind) => {
    expect(parseReference(input)?.kind).toBe(kind);
  });

  it.each(['BH-7K3M-Q9X0', 'BH-7K3M-Q9XO', 'BH-IK3M-Q9XD', 'XX-7K3M-Q9XD', 'BH7K3MQ9XD', ''])(
    '%j is not a reference',
    (input) => {
      expect(parseReference(input)).toBeUndefined();
    },
  );
});
