/**
 * A database's schema as plain data, read from pg_catalog, and the differences between two of
 * them: what `npm run db:migration -- --check` and tests/db/schema-files.test.ts compare to hold
 * supabase/schemas/ and supabase/migrations/ to the same database.
 *
 * Covered: schemas, tables and their columns (type, default, generation, identity, column
 * privileges), constraints, indexes, row-level security and policies, views, sequences, functions
 * with their whole definition (body, language, volatility, security, settings), triggers (and
 * whether they are enabled), event triggers, extensions, default privileges, owners, privileges,
 * comments, and the rows of every table (a database built from either source holds only the rows
 * the schema itself inserts, such as the published privacy versions). Objects that belong to an
 * extension and the Supabase CLI's own migration history are left out. Names print schema-qualified
 * (the search path is empty while reading), so two databases compare whatever their OIDs.
 */
import pg from 'pg';

/** One object's definition: field name → value. */
export type Definition = Record<string, unknown>;
/** Every object of a database, keyed by kind and name, e.g. `function private.today()`. */
export type Catalog = Map<string, Definition>;

const userSchema = (column: string) =>
  `${column} not in ('pg_catalog', 'information_schema', 'pg_toast', 'supabase_migrations')
   and ${column} not like 'pg_temp%' and ${column} not like 'pg_toast_temp%'`;
const notFromExtension = (classId: string, oid: string) =>
  `not exists (select from pg_depend as d where d.classid = '${classId}'::regclass
     and d.objid = ${oid} and d.deptype = 'e')`;
/**
 * An ACL as sorted text, so that the order of the grants that made it does not matter. No ACL
 * (null) means Postgres' default for the object's kind and owner, which is spelled out, so that
 * "never granted" and "granted, then revoked back to the default" compare equal.
 */
const acl = (column: string, kind?: string, owner?: string) =>
  `(select coalesce(array_agg(item::text order by item::text), '{}')
    from unnest(${kind && owner ? `coalesce(${column}, acldefault((${kind})::"char", ${owner}))` : column}) as item)`;

/** Each query returns rows of (key, definition). */
const queries: Record<string, string> = {
  schemas: `
    select 'schema ' || n.nspname as key, jsonb_build_object(
      'owner', n.nspowner::regrole::text, 'privileges', ${acl('n.nspacl', "'n'", 'n.nspowner')},
      'comment', obj_description(n.oid, 'pg_namespace')) as def
    from pg_namespace as n
    where ${userSchema('n.nspname')} and ${notFromExtension('pg_namespace', 'n.oid')}`,

  relations: `
    select case c.relkind when 'r' then 'table ' when 'p' then 'table ' when 'v' then 'view '
        when 'm' then 'materialized view ' when 'S' then 'sequence ' when 'f' then 'foreign table '
        else 'relation ' end || c.oid::regclass::text as key,
      jsonb_build_object(
        'owner', c.relowner::regrole::text, 'privileges', ${acl('c.relacl', "case c.relkind when 'S' then 's' else 'r' end", 'c.relowner')},
        'row level security', c.relrowsecurity, 'forced row level security', c.relforcerowsecurity,
        'options', (select array_agg(o order by o) from unnest(c.reloptions) as o),
        'persistence', c.relpersistence,
        'columns', (select array_agg(a.attname::text order by a.attnum) from pg_attribute as a
          where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped),
        'definition', case when c.relkind in ('v', 'm') then pg_get_viewdef(c.oid, true) end,
        'sequence', (select jsonb_build_object('type', s.seqtypid::regtype::text, 'start', s.seqstart,
            'increment', s.seqincrement, 'max', s.seqmax, 'min', s.seqmin, 'cache', s.seqcache,
            'cycle', s.seqcycle)
          from pg_sequence as s where s.seqrelid = c.oid),
        'comment', obj_description(c.oid, 'pg_class')) as def
    from pg_class as c join pg_namespace as n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') and ${userSchema('n.nspname')}
      and ${notFromExtension('pg_class', 'c.oid')}`,

  columns: `
    select 'column ' || c.oid::regclass::text || '.' || quote_ident(a.attname) as key,
      jsonb_build_object(
        'type', format_type(a.atttypid, a.atttypmod), 'not null', a.attnotnull,
        'default', pg_get_expr(ad.adbin, ad.adrelid), 'generated', a.attgenerated,
        'identity', a.attidentity, 'collation', case when a.attcollation <> t.typcollation
          then a.attcollation::regcollation::text end,
        'privileges', ${acl('a.attacl')}, 'comment', col_description(c.oid, a.attnum)) as def
    from pg_attribute as a
      join pg_class as c on c.oid = a.attrelid
      join pg_namespace as n on n.oid = c.relnamespace
      join pg_type as t on t.oid = a.atttypid
      left join pg_attrdef as ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
    where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'v', 'm', 'f')
      and ${userSchema('n.nspname')} and ${notFromExtension('pg_class', 'c.oid')}`,

  constraints: `
    select 'constraint ' || coalesce(r.oid::regclass::text, ty.oid::regtype::text) || '.'
        || quote_ident(k.conname) as key,
      jsonb_build_object(
        'definition', pg_get_constraintdef(k.oid, true), 'deferrable', k.condeferrable,
        'deferred', k.condeferred, 'validated', k.convalidated,
        'comment', obj_description(k.oid, 'pg_constraint')) as def
    from pg_constraint as k
      join pg_namespace as n on n.oid = k.connamespace
      left join pg_class as r on r.oid = k.conrelid
      left join pg_type as ty on ty.oid = k.contypid
    where ${userSchema('n.nspname')} and ${notFromExtension('pg_constraint', 'k.oid')}
      and (r.oid is null or ${notFromExtension('pg_class', 'r.oid')})`,

  indexes: `
    select 'index ' || i.indexrelid::regclass::text as key,
      jsonb_build_object('definition', pg_get_indexdef(i.indexrelid),
        'comment', obj_description(i.indexrelid, 'pg_class')) as def
    from pg_index as i
      join pg_class as c on c.oid = i.indexrelid
      join pg_namespace as n on n.oid = c.relnamespace
    where ${userSchema('n.nspname')} and ${notFromExtension('pg_class', 'i.indrelid')}`,

  triggers: `
    select 'trigger ' || t.tgrelid::regclass::text || '.' || quote_ident(t.tgname) as key,
      jsonb_build_object('definition', pg_get_triggerdef(t.oid, true), 'enabled', t.tgenabled,
        'comment', obj_description(t.oid, 'pg_trigger')) as def
    from pg_trigger as t
      join pg_class as c on c.oid = t.tgrelid
      join pg_namespace as n on n.oid = c.relnamespace
    where not t.tgisinternal and ${userSchema('n.nspname')}`,

  policies: `
    select 'policy ' || p.polrelid::regclass::text || '.' || quote_ident(p.polname) as key,
      jsonb_build_object('command', p.polcmd, 'permissive', p.polpermissive,
        'roles', (select array_agg(case when r = 0 then 'public' else r::regrole::text end
          order by 1) from unnest(p.polroles) as r),
        'using', pg_get_expr(p.polqual, p.polrelid),
        'with check', pg_get_expr(p.polwithcheck, p.polrelid),
        'comment', obj_description(p.oid, 'pg_policy')) as def
    from pg_policy as p`,

  functions: `
    select 'function ' || n.nspname || '.' || quote_ident(p.proname) || '('
        || pg_get_function_identity_arguments(p.oid) || ')' as key,
      jsonb_build_object(
        'definition', case when p.prokind in ('f', 'p', 'w') then pg_get_functiondef(p.oid) end,
        'kind', p.prokind, 'owner', p.proowner::regrole::text, 'privileges', ${acl('p.proacl', "'f'", 'p.proowner')},
        'comment', obj_description(p.oid, 'pg_proc')) as def
    from pg_proc as p join pg_namespace as n on n.oid = p.pronamespace
    where ${userSchema('n.nspname')} and ${notFromExtension('pg_proc', 'p.oid')}`,

  types: `
    select 'type ' || t.oid::regtype::text as key,
      jsonb_build_object('kind', t.typtype, 'base', nullif(t.typbasetype, 0)::regtype::text,
        'labels', (select array_agg(e.enumlabel::text order by e.enumsortorder) from pg_enum as e
          where e.enumtypid = t.oid),
        'owner', t.typowner::regrole::text, 'privileges', ${acl('t.typacl', "'T'", 't.typowner')},
        'comment', obj_description(t.oid, 'pg_type')) as def
    from pg_type as t join pg_namespace as n on n.oid = t.typnamespace
    where t.typtype in ('e', 'd', 'r', 'm') and ${userSchema('n.nspname')}
      and ${notFromExtension('pg_type', 't.oid')}`,

  eventTriggers: `
    select 'event trigger ' || quote_ident(e.evtname) as key,
      jsonb_build_object('event', e.evtevent, 'function', e.evtfoid::regprocedure::text,
        'enabled', e.evtenabled, 'tags', e.evttags) as def
    from pg_event_trigger as e`,

  extensions: `
    select 'extension ' || x.extname as key,
      jsonb_build_object('schema', x.extnamespace::regnamespace::text, 'version', x.extversion) as def
    from pg_extension as x`,

  defaultPrivileges: `
    select 'default privileges of ' || d.defaclrole::regrole::text || ' in '
        || coalesce(d.defaclnamespace::regnamespace::text, 'every schema') || ' on '
        || case d.defaclobjtype when 'r' then 'tables' when 'S' then 'sequences'
          when 'f' then 'functions' when 'T' then 'types' when 'n' then 'schemas' end as key,
      jsonb_build_object('privileges', ${acl('d.defaclacl')}) as def
    from pg_default_acl as d`,
};

/** The tables whose rows are compared (every table of the schema; see the file comment). */
const tablesWithRows = `
  select c.oid::regclass::text as name
  from pg_class as c join pg_namespace as n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p') and ${userSchema('n.nspname')}
    and ${notFromExtension('pg_class', 'c.oid')}
  order by 1`;

/** Reads the catalog of the database at `dbUrl`. */
export async function readCatalog(dbUrl: string): Promise<Catalog> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    // Names print schema-qualified, the same in every database.
    await client.query("set search_path = ''");
    const catalog: Catalog = new Map();
    for (const query of Object.values(queries)) {
      const { rows } = await client.query<{ key: string; def: Definition }>(query);
      for (const row of rows) catalog.set(row.key, row.def);
    }
    const tables = await client.query<{ name: string }>(tablesWithRows);
    for (const { name } of tables.rows) {
      const { rows } = await client.query<{ rows: string[] | null }>(
        `select array_agg(to_jsonb(t)::text order by to_jsonb(t)::text) as rows from ${name} as t`,
      );
      catalog.set(`rows of ${name}`, { rows: rows[0]?.rows ?? [] });
    }
    return catalog;
  } finally {
    await client.end();
  }
}

const show = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined ? '(none)' : JSON.stringify(value);

/** Where two texts first differ, with a line of context on each side. */
function textDifference(left: string, right: string, labels: [string, string]): string {
  const a = left.split('\n');
  const b = right.split('\n');
  let line = 0;
  while (line < a.length && line < b.length && a[line] === b[line]) line++;
  const excerpt = (lines: string[]) =>
    lines
      .slice(Math.max(0, line - 1), line + 2)
      .map((text) => `      ${text}`)
      .join('\n') || '      (ends here)';
  return `    from line ${line + 1}:\n    ${labels[0]}:\n${excerpt(a)}\n    ${labels[1]}:\n${excerpt(b)}`;
}

/** One object that differs: `field` is undefined when only one catalog has the object. */
export interface Difference {
  key: string;
  field: string | undefined;
  /** Readable on its own: the object, and what each side has. */
  text: string;
}

/**
 * The differences between two catalogs, one entry per object and field: what only one side has,
 * and for an object both have, each field that differs.
 */
export function catalogDifferences(
  left: Catalog,
  right: Catalog,
  labels: [string, string],
): Difference[] {
  const differences: Difference[] = [];
  const keys = [...new Set([...left.keys(), ...right.keys()])].sort();
  for (const key of keys) {
    const a = left.get(key);
    const b = right.get(key);
    if (!a || !b) {
      differences.push({
        key,
        field: undefined,
        text: `${key}: only in ${a ? labels[0] : labels[1]}`,
      });
      continue;
    }
    const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const field of fields) {
      const x = show(a[field]);
      const y = show(b[field]);
      if (x === y) continue;
      const text =
        x.includes('\n') || y.includes('\n')
          ? `${key}: ${field} differs\n${textDifference(x, y, labels)}`
          : `${key}: ${field} differs\n    ${labels[0]}: ${x}\n    ${labels[1]}: ${y}`;
      differences.push({ key, field, text });
    }
  }
  return differences;
}

/** The differences as text, one entry per object and field (empty when the catalogs agree). */
export function compareCatalogs(left: Catalog, right: Catalog, labels: [string, string]): string[] {
  return catalogDifferences(left, right, labels).map((difference) => difference.text);
}
