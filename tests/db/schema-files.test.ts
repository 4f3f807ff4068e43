// The live schema in one place: a database built from supabase/schemas/ and one built from
// supabase/migrations/ (with the Supabase CLI, as a real project is) are the same database, down to
// function bodies, grants, policies, comments and the schema's own rows, and
// src/lib/database.types.ts is what `supabase gen types` makes of it. Also shows that the
// comparison sees each kind of difference, so that its "no differences" means something.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareCatalogs, readCatalog, type Catalog } from '../../supabase/local/schema-catalog.ts';
import {
  buildFromMigrations,
  buildFromSchemas,
  formattedTypes,
  typesFile,
  type ScratchDatabase,
} from '../../supabase/local/schema.ts';
import { stack } from '../support/db.ts';
import pg from 'pg';

let fromSchemas: ScratchDatabase | undefined;
let fromMigrations: ScratchDatabase | undefined;
let schemasCatalog: Catalog;
let migrationsCatalog: Catalog;

beforeAll(async () => {
  fromSchemas = await buildFromSchemas(stack().dbUrl);
  fromMigrations = await buildFromMigrations(stack().dbUrl);
  schemasCatalog = await readCatalog(fromSchemas.url);
  migrationsCatalog = await readCatalog(fromMigrations.url);
}, 120_000);

afterAll(async () => {
  await fromSchemas?.drop();
  await fromMigrations?.drop();
});

describe('supabase/schemas and supabase/migrations', () => {
  it('build the same database', () => {
    expect(
      compareCatalogs(schemasCatalog, migrationsCatalog, [
        'supabase/schemas',
        'supabase/migrations',
      ]),
    ).toEqual([]);
  });

  it('build the whole schema, with its rows', () => {
    // A comparison of two empty catalogs would agree too.
    const kinds = new Set([...schemasCatalog.keys()].map((key) => key.split(' ')[0]));
    for (const kind of ['schema', 'table', 'view', 'column', 'constraint', 'index', 'trigger'])
      expect(kinds).toContain(kind);
    for (const kind of ['policy', 'function', 'sequence', 'default', 'rows'])
      expect(kinds).toContain(kind);
    expect(
      schemasCatalog.get('function private.check_approval(application public.applications)'),
    ).toBeDefined();
    expect(schemasCatalog.get('rows of private.privacy_versions')?.['rows']).toHaveLength(6);
  });

  it('give the generated types in src/lib/database.types.ts', async () => {
    expect(await formattedTypes(fromSchemas!.url)).toBe(readFileSync(typesFile, 'utf8'));
  }, 60_000);
});

describe('the comparison', () => {
  let changed: ScratchDatabase | undefined;
  afterAll(() => changed?.drop());

  it('sees a changed body, grant, policy, comment, column, trigger and row', async () => {
    changed = await buildFromSchemas(stack().dbUrl);
    const db = new pg.Client({ connectionString: changed.url });
    await db.connect();
    try {
      await db.query(`
        create or replace function private.status_label(status text) returns text
          language sql immutable set search_path = '' as $$ select status $$;
        grant execute on function public.application_receipt(uuid) to anon;
        alter policy "Active coordinators read notes" on public.application_notes
          using ((select private.require_active_lead()));
        comment on column public.screening_queue.urgency is 'Annen tekst.';
        alter table public.outbox_messages alter column attempts set default 1;
        alter table public.applications disable trigger applications_workflow;
        insert into private.privacy_versions (version, published_on) values ('9.9', '2026-12-24');
      `);
    } finally {
      await db.end();
    }
    const differences = compareCatalogs(schemasCatalog, await readCatalog(changed.url), [
      'before',
      'after',
    ]).map((difference) => difference.split('\n')[0]);
    expect(differences).toEqual([
      'column public.outbox_messages.attempts: default differs',
      'column public.screening_queue.urgency: comment differs',
      'function private.status_label(status text): definition differs',
      'function public.application_receipt(submission_id uuid): privileges differs',
      'policy public.application_notes."Active coordinators read notes": using differs',
      'rows of private.privacy_versions: rows differs',
      'trigger public.applications.applications_workflow: enabled differs',
    ]);
  }, 60_000);
});
