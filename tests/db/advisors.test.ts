// Supabase's database advisors (splinter, as `npm run db:lint` runs them) on the schema as built.
import { describe, expect, it } from 'vitest';
import { lintDatabase } from '../../supabase/local/stack.ts';
import { stack } from '../support/db.ts';

describe('Supabase database advisors', () => {
  it('report nothing at level warn or above (npm run db:lint)', async () => {
    const result = await lintDatabase(stack().dbUrl);
    expect(result.output).not.toMatch(/ERROR|WARN/);
    expect(result.clean).toBe(true);
  });
});
