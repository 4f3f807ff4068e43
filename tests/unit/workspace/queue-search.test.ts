// The queue search: what a coordinator types becomes a PostgREST filter that cannot widen itself.
import { describe, expect, it } from 'vitest';
import { searchFilter } from '../../../src/lib/server/screening/queue.ts';

describe('the queue search cannot widen itself', () => {
  it.each([
    ['BH-7K3M', 'reference.ilike.*BH-7K3M*,full_name.ilike.*BH-7K3M*'],
    ['  Kari  Nordmann ', 'reference.ilike.*Kari Nordmann*,full_name.ilike.*Kari Nordmann*'],
    [
      'a),status.eq.approved',
      'reference.ilike.*a status eq approved*,full_name.ilike.*a status eq approved*',
    ],
    ['%_*', undefined],
  ])('%s', (search, filter) => expect(searchFilter(search)).toBe(filter));
});
