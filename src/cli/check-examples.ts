/**
 * `npm run build` runs this before `astro build`: with NODE_ENV=production it stops the build
 * while content/ still holds an example or an unconfirmed fact, and lists each with the file to
 * change (src/lib/content-examples.ts). Local development and the tests build as before: without
 * NODE_ENV=production it does nothing.
 *
 *   NODE_ENV=production node src/cli/check-examples.ts [content folder]
 */
import path from 'node:path';
import { examplesMessage, findExamples } from '../lib/content-examples.ts';

if (process.env['NODE_ENV'] === 'production') {
  const contentDir = path.resolve(process.argv[2] ?? 'content');
  const found = findExamples(contentDir, process.cwd());
  if (found.length > 0) {
    console.error(examplesMessage(found));
    process.exit(1);
  }
}
