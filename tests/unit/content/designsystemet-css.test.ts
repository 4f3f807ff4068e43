import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The site imports only the Designsystemet components it uses (src/styles/designsystemet.css).
// This fails when markup starts using a component whose stylesheet is not imported.
const root = path.resolve(import.meta.dirname, '../../..');
const componentDir = path.join(root, 'node_modules/@digdir/designsystemet-css/dist/src');
const imports = readFileSync(path.join(root, 'src/styles/designsystemet.css'), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(astro|svelte|mdx|md|ts)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Every `ds-<component>` class in the markup that names one of the library's stylesheets. */
const used = new Set<string>();
for (const file of [...sources(path.join(root, 'src')), ...sources(path.join(root, 'content'))])
  for (const match of readFileSync(file, 'utf8').matchAll(/\bds-([a-z]+(?:-[a-z]+)*)/g)) {
    const name = match[1] ?? '';
    if (existsSync(path.join(componentDir, `${name}.css`))) used.add(name);
  }

describe('Designsystemet stylesheets', () => {
  it('finds the components the site uses', () => {
    expect([...used]).toEqual(expect.arrayContaining(['button', 'field', 'error-summary']));
  });

  it.each([...used].sort())('imports the stylesheet of ds-%s', (name) => {
    expect(imports).toContain(`@import '@digdir/designsystemet-css/${name}.css'`);
  });

  it('imports base.css (the layer order, focus styles and ds-sr-only)', () => {
    expect(imports).toContain(`@import '@digdir/designsystemet-css/base.css' layer(ds.base);`);
  });
});
