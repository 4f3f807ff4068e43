/**
 * The content collections: a thin registry. Each schema lives in src/schemas/. Content sits in
 * content/ at the top level, where the municipality edits it.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { MeetingSchema } from './schemas/meeting.ts';
import { PageSchema } from './schemas/page.ts';
import { ProfileSchema } from './schemas/profile.ts';
import { ReferenceQuestionsSchema } from './schemas/reference-questions.ts';
import { RoleSchema } from './schemas/role.ts';

const root = './content';

export const collections = {
  profile: defineCollection({
    loader: glob({ base: `${root}/profile`, pattern: '*.yaml' }),
    schema: ProfileSchema,
  }),
  roles: defineCollection({
    loader: glob({ base: `${root}/roles`, pattern: '*.mdx' }),
    schema: RoleSchema,
  }),
  pages: defineCollection({
    loader: glob({ base: `${root}/pages`, pattern: '**/*.mdx' }),
    schema: PageSchema,
  }),
  /** The questions a referee answers (one file: content/referanse/sporsmal.yaml). */
  referenceQuestions: defineCollection({
    loader: glob({ base: `${root}/referanse`, pattern: '*.yaml' }),
    schema: ReferenceQuestionsSchema,
  }),
  meetings: defineCollection({
    loader: glob({ base: `${root}/meetings`, pattern: '*.yaml' }),
    schema: MeetingSchema,
  }),
};
