/**
 * The database makes the references (public.submit_application) with its own copy of the
 * alphabet, in SQL; the site reads them with src/lib/reference.ts. These tests hold the two to one
 * alphabet and one set of prefixes.
 */
import { describe, expect, it } from 'vitest';
import {
  REFERENCE_ALPHABET,
  REFERENCE_PREFIXES,
  parseReference,
  type ApplicationKind,
} from '../../src/lib/reference.ts';
import { service, withDb } from '../support/db.ts';
import { applicationPayload } from '../support/payloads.ts';

describe('references: the database and the site agree', () => {
  it("submit_application's alphabet is REFERENCE_ALPHABET", async () => {
    const definition = await withDb(
      async (db) =>
        (
          await db.query<{ source: string }>(
            `select pg_get_functiondef('public.submit_application(json)'::regprocedure) as source`,
          )
        ).rows[0]?.source ?? '',
    );
    const alphabets = [...definition.matchAll(/alphabet constant text := '([^']*)'/g)].map(
      (m) => m[1],
    );
    expect(alphabets).toEqual([REFERENCE_ALPHABET]);
  });

  it.each(Object.keys(REFERENCE_PREFIXES) as ApplicationKind[])(
    'a %s reference the database makes is read back as that kind',
    async (kind) => {
      const { data, error } = await service().rpc(
        'submit_application',
        applicationPayload(kind) as never,
      );
      expect(error).toBeNull();
      expect(String(data).startsWith(`${REFERENCE_PREFIXES[kind]}-`)).toBe(true);
      expect(parseReference(String(data))).toEqual({ reference: data, kind });
    },
  );
});
