/**
 * The municipality profile read straight from content/profile/*.yaml and validated with the same
 * schema as the content collection, for code that runs outside Astro (`npm run outbox:send`),
 * where `astro:content` does not exist. Inside Astro, use getProfile() from src/lib/profile.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
// The YAML parser Astro's content loader reads the same file with.
import { load } from 'js-yaml';
import { ProfileSchema, type Profile } from '../../../schemas/profile.ts';

/** Reads and validates the one profile file under `contentDir`/profile. */
export async function loadProfileFile(contentDir = path.resolve('content')): Promise<Profile> {
  const dir = path.join(contentDir, 'profile');
  const files = readdirSync(dir).filter((name) => name.endsWith('.yaml'));
  const [first] = files;
  if (!first || files.length > 1) {
    throw new Error(`content/profile/ must hold exactly one profile file; found ${files.length}.`);
  }
  const result = ProfileSchema.safeParse(load(readFileSync(path.join(dir, first), 'utf8')));
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`content/profile/${first} is not a valid profile:\n${lines.join('\n')}`);
  }
  return result.data;
}
