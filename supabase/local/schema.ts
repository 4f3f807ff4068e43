/**
 * The live schema (supabase/schemas/, one file per object) and the migrations that bring a database
 * to it (supabase/migrations/): `npm run db:migration -- <name>` writes the migration for what was
 * changed in supabase/schemas/, `npm run db:migration -- --check` fails when the two disagree or
 * src/lib/database.types.ts is stale.
 *
 * Both build throwaway databases in one Postgres server, each with what a hosted project has
 * before the first migration (bootstrap.sql, auth/schema.sql): one from the schema files, in the
 * order `[db.migrations] schema_paths` in supabase/config.toml gives, and one from the migrations,
 * applied with the Supabase CLI as for a real project (`supabase db push`). Their catalogs are
 * compared with schema-catalog.ts. The SQL of a new migration comes from the Supabase CLI's
 * pg-delta engine (`supabase db diff --from <url> --to <url>`, which needs no Docker with two
 * database URLs), plus the statements for the schema's own data rows, which pg-delta does not
 * diff. pg-delta leaves some things out (a view's column comments when it recreates the view, the
 * column order of a table it creates), so every written migration is applied to a third database
 * and compared again: comments still missing are added to it, and whatever else still differs is
 * printed, to be added by hand.
 */
import { spawn } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  globSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import {
  catalogDifferences,
  compareCatalogs,
  readCatalog,
  type Catalog,
  type Difference,
} from './schema-catalog.ts';
import { generateTypes, projectRoot, StackError, supabaseBin } from './stack.ts';

export const schemasDir = path.join(projectRoot, 'supabase/schemas');
export const migrationsDir = path.join(projectRoot, 'supabase/migrations');
export const typesFile = path.join(projectRoot, 'src/lib/database.types.ts');
const relative = (file: string) => path.relative(projectRoot, file);

/** The schema files in the order they run: `[db.migrations] schema_paths` in config.toml. */
export function schemaFiles(): string[] {
  const config = readFileSync(path.join(projectRoot, 'supabase/config.toml'), 'utf8');
  const list = /^\[db\.migrations\][^[]*?^schema_paths\s*=\s*\[([^\]]*)\]/ms.exec(config)?.[1];
  if (list === undefined)
    throw new StackError('supabase/config.toml has no [db.migrations] schema_paths.');
  const files: string[] = [];
  for (const [, pattern] of list.matchAll(/"([^"]+)"/g)) {
    const matches = globSync(path.join(projectRoot, 'supabase', pattern as string)).sort();
    for (const file of matches) if (!files.includes(file)) files.push(file);
  }
  return files;
}

/** The migration files in the order they run. */
export function migrationFiles(): string[] {
  return existsSync(migrationsDir)
    ? readdirSync(migrationsDir)
        .filter((name) => /^\d+_.+\.sql$/.test(name))
        .sort()
        .map((name) => path.join(migrationsDir, name))
    : [];
}

/** Runs the Supabase CLI from the project root; resolves with its exit code and output. */
function supabase(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(supabaseBin, [...args, '--workdir', projectRoot], {
      cwd: projectRoot,
      // No TLS to a local server (the CLI would print a notice about it among the SQL).
      env: {
        ...process.env,
        SUPABASE_TELEMETRY_DISABLED: '1',
        DO_NOT_TRACK: '1',
        PGSSLMODE: 'disable',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** A database made for one comparison, dropped again afterwards. */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** `serverUrl` with another database name. */
const withDatabase = (serverUrl: string, name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

async function withClient<T>(url: string, task: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await task(client);
  } finally {
    await client.end();
  }
}

/**
 * A new, empty database on the server of `serverUrl` with what a hosted project has before the
 * first migration: the bootstrap and the Auth tables, as the local stack prepares its own.
 */
async function createScratchDatabase(serverUrl: string, label: string): Promise<ScratchDatabase> {
  const name = `scratch_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = withDatabase(serverUrl, 'template1');
  await withClient(admin, (client) => client.query(`create database ${name}`));
  const url = withDatabase(serverUrl, name);
  const drop = () =>
    withClient(admin, (client) =>
      client.query(`drop database if exists ${name} with (force)`),
    ).then(() => undefined);
  try {
    await withClient(url, async (client) => {
      for (const file of ['supabase/local/bootstrap.sql', 'supabase/local/auth/schema.sql'])
        await client.query(readFileSync(path.join(projectRoot, file), 'utf8'));
      // The bootstrap sets this for the database called postgres; a scratch one needs it too.
      await client.query(`alter database ${name} set search_path = "$user", public, extensions`);
    });
  } catch (error) {
    await drop();
    throw error;
  }
  return { url, drop };
}

/** Runs one SQL file in its own transaction; a failure names the file and line. */
async function runFile(client: pg.Client, file: string): Promise<void> {
  const sql = readFileSync(file, 'utf8');
  try {
    await client.query(`begin;\n${sql}\n;commit;`);
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    const position = Number((error as { position?: string }).position ?? 0);
    const line = sql.slice(0, Math.max(0, position - 'begin;\n'.length)).split('\n').length;
    throw new StackError(
      `${relative(file)}:${line}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** A scratch database built from supabase/schemas/. */
export async function buildFromSchemas(serverUrl: string): Promise<ScratchDatabase> {
  const database = await createScratchDatabase(serverUrl, 'schemas');
  try {
    await withClient(database.url, async (client) => {
      for (const file of schemaFiles()) await runFile(client, file);
    });
  } catch (error) {
    await database.drop();
    throw error;
  }
  return database;
}

/** A scratch database built from supabase/migrations/ with `supabase db push`. */
export async function buildFromMigrations(serverUrl: string): Promise<ScratchDatabase> {
  const database = await createScratchDatabase(serverUrl, 'migrations');
  if (migrationFiles().length === 0) return database;
  const push = await supabase([
    'db',
    'push',
    `--db-url=${database.url}`,
    '--include-all',
    '--yes',
    '--skip-vault',
  ]);
  if (push.code !== 0) {
    await database.drop();
    throw new StackError(
      `\`supabase db push\` failed:\n${`${push.stderr}\n${push.stdout}`.trim()}`,
    );
  }
  return database;
}

/** Both databases, for `task`; dropped afterwards whatever happens. */
export async function withBothBuilds<T>(
  serverUrl: string,
  task: (fromSchemas: ScratchDatabase, fromMigrations: ScratchDatabase) => Promise<T>,
): Promise<T> {
  const fromSchemas = await buildFromSchemas(serverUrl);
  try {
    const fromMigrations = await buildFromMigrations(serverUrl);
    try {
      return await task(fromSchemas, fromMigrations);
    } finally {
      await fromMigrations.drop();
    }
  } finally {
    await fromSchemas.drop();
  }
}

const labels: [string, string] = ['supabase/schemas', 'supabase/migrations'];

/** How the catalogs of the two builds differ (empty when they agree). */
export async function schemaDifferences(serverUrl: string): Promise<Difference[]> {
  return withBothBuilds(serverUrl, async (fromSchemas, fromMigrations) =>
    catalogDifferences(
      await readCatalog(fromSchemas.url),
      await readCatalog(fromMigrations.url),
      labels,
    ),
  );
}

/** The TypeScript types `supabase gen types` makes of a database, formatted as the file is. */
export async function formattedTypes(dbUrl: string): Promise<string> {
  const prettier = await import('prettier');
  const options = await prettier.resolveConfig(typesFile);
  return prettier.format(await generateTypes(dbUrl), { ...options, filepath: typesFile });
}

/** `npm run db:migration -- --check`: the problems found, empty when all agree. */
export async function checkSchema(serverUrl: string): Promise<string[]> {
  return withBothBuilds(serverUrl, async (fromSchemas, fromMigrations) => {
    const problems = compareCatalogs(
      await readCatalog(fromSchemas.url),
      await readCatalog(fromMigrations.url),
      labels,
    );
    if ((await formattedTypes(fromSchemas.url)) !== readFileSync(typesFile, 'utf8'))
      problems.push(
        `${relative(typesFile)} is not what the schema gives; run \`npm run db:types\`.`,
      );
    return problems;
  });
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Statements that turn the rows of `fromCatalog` into those of `toCatalog` (read from `to`), for
 * every table whose rows differ: the schema's own data (privacy versions, settings), which pg-delta
 * does not compare. Rows are matched by primary key.
 */
async function dataStatements(
  to: ScratchDatabase,
  fromCatalog: Catalog,
  toCatalog: Catalog,
): Promise<string[]> {
  const statements: string[] = [];
  for (const [key, definition] of toCatalog) {
    if (!key.startsWith('rows of ')) continue;
    const table = key.slice('rows of '.length);
    const before = (fromCatalog.get(key)?.['rows'] ?? []) as string[];
    const after = definition['rows'] as string[];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    const columns = await withClient(to.url, async (client) => {
      const { rows } = await client.query<{ name: string; key: boolean; writable: boolean }>(
        `select quote_ident(a.attname) as name,
           coalesce(a.attnum = any (i.indkey), false) as key,
           a.attgenerated = '' and a.attidentity <> 'a' as writable
         from pg_attribute as a left join pg_index as i on i.indrelid = a.attrelid and i.indisprimary
         where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped
         order by a.attnum`,
        [table],
      );
      return rows;
    });
    const keyColumns = columns.filter((c) => c.key).map((c) => c.name);
    if (keyColumns.length === 0)
      throw new StackError(`${table} has rows in the schema but no primary key to match them by.`);
    const written = columns
      .filter((c) => c.writable)
      .map((c) => c.name)
      .join(', ');
    const keyOf = (row: string) =>
      JSON.stringify(
        keyColumns.map((c) => (JSON.parse(row) as Record<string, unknown>)[c.replaceAll('"', '')]),
      );
    const record = (row: string) => `jsonb_populate_record(null::${table}, ${quote(row)})`;
    const where = (row: string) =>
      `(${keyColumns.join(', ')}) = (select ${keyColumns.join(', ')} from ${record(row)})`;
    const beforeByKey = new Map(before.map((row) => [keyOf(row), row]));
    const afterByKey = new Map(after.map((row) => [keyOf(row), row]));
    for (const [rowKey, row] of beforeByKey)
      if (!afterByKey.has(rowKey)) statements.push(`delete from ${table} where ${where(row)};`);
    for (const [rowKey, row] of afterByKey) {
      const old = beforeByKey.get(rowKey);
      if (old === row) continue;
      statements.push(
        old === undefined
          ? `insert into ${table} (${written})\n  select ${written} from ${record(row)};`
          : `update ${table} set (${written}) =\n  (select ${written} from ${record(row)})\n  where ${where(row)};`,
      );
    }
  }
  return statements;
}

/** A migration file name: now in UTC (after the newest migration), and `name`. */
function newMigrationFile(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name))
    throw new StackError(`Name the migration in lower case, digits and _ (not "${name}").`);
  const newest = Number(path.basename(migrationFiles().at(-1) ?? '0').split('_')[0]);
  let version = Number(new Date().toISOString().replace(/\D/g, '').slice(0, 14));
  if (version <= newest) version = newest + 1;
  return path.join(migrationsDir, `${version}_${name}.sql`);
}

/**
 * The first migration, written once into an empty supabase/migrations/: the schema files
 * themselves, in their order, so that it is exactly what supabase/schemas/ declares.
 */
export function writeBaseline(name: string): string {
  if (migrationFiles().length > 0)
    throw new StackError(
      'supabase/migrations/ already has migrations; a baseline is written only once, into an empty folder.',
    );
  const file = newMigrationFile(name);
  mkdirSync(migrationsDir, { recursive: true });
  const parts = schemaFiles().map(
    (schemaFile) =>
      `-- ${'='.repeat(20)} ${relative(schemaFile)}\n\n${readFileSync(schemaFile, 'utf8').trim()}\n`,
  );
  writeFileSync(
    file,
    `-- The baseline: every object of the schema as supabase/schemas/ declares it, one file after the\n` +
      `-- other in the order of \`[db.migrations] schema_paths\` (written by \`npm run db:migration --\n` +
      `-- baseline\`). The live definitions are read in supabase/schemas/; later migrations change them.\n\n` +
      parts.join('\n'),
  );
  return file;
}

/** What `writeMigration` did. */
export interface WrittenMigration {
  /** The new file, or undefined when the migrations already give the schema. */
  file: string | undefined;
  /** What still differs after applying it: to be added to the file by hand. */
  remaining: string[];
}

/**
 * `npm run db:migration -- <name>`: writes the migration that takes a database from what
 * supabase/migrations/ gives to what supabase/schemas/ declares, then applies all migrations to a
 * new database to prove it.
 */
export async function writeMigration(serverUrl: string, name: string): Promise<WrittenMigration> {
  const file = newMigrationFile(name);
  const diff = await withBothBuilds(serverUrl, async (fromSchemas, fromMigrations) => {
    const toCatalog = await readCatalog(fromSchemas.url);
    const fromCatalog = await readCatalog(fromMigrations.url);
    if (compareCatalogs(toCatalog, fromCatalog, labels).length === 0) return undefined;
    const pgDelta = await supabase([
      'db',
      'diff',
      '--use-pg-delta',
      `--from=${fromMigrations.url}`,
      `--to=${fromSchemas.url}`,
    ]);
    if (pgDelta.code !== 0)
      throw new StackError(
        `\`supabase db diff\` failed:\n${`${pgDelta.stderr}\n${pgDelta.stdout}`.trim()}`,
      );
    const data = await dataStatements(fromSchemas, fromCatalog, toCatalog);
    return { sql: [pgDelta.stdout.trim(), ...data].filter(Boolean).join('\n\n'), toCatalog };
  });
  if (diff === undefined) return { file: undefined, remaining: [] };
  writeFileSync(
    file,
    `-- ${name}\n-- Written by \`npm run db:migration\` from supabase/schemas/ (the Supabase CLI's pg-delta\n` +
      `-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.\n\n` +
      `${diff.sql}\n`,
  );
  let remaining = await schemaDifferences(serverUrl);
  // pg-delta drops the column comments of a view it recreates: put back every comment still missing.
  const comments = commentStatements(remaining, diff.toCatalog);
  if (comments.length > 0) {
    appendFileSync(
      file,
      `\n-- Comments the diff left out (written by db:migration from supabase/schemas/).\n${comments.join('\n')}\n`,
    );
    remaining = await schemaDifferences(serverUrl);
  }
  return { file, remaining: remaining.map((difference) => difference.text) };
}

/** The kinds of object whose comment `comment on <kind> <name>` sets, as catalog keys name them. */
const commentedKinds = [
  'materialized view',
  'column',
  'table',
  'view',
  'function',
  'schema',
  'sequence',
  'index',
];

/** `comment on` statements for the comments among `differences`, as `schemas` has them. */
function commentStatements(differences: Difference[], schemas: Catalog): string[] {
  return differences.flatMap(({ key, field }) => {
    const kind = commentedKinds.find((k) => key.startsWith(`${k} `));
    if (field !== 'comment' || !kind) return [];
    const comment = schemas.get(key)?.['comment'];
    const value = typeof comment === 'string' ? quote(comment) : 'null';
    return [`comment on ${kind} ${key.slice(kind.length + 1)} is ${value};`];
  });
}
