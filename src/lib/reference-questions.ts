/**
 * The questions a referee answers, read from the content collection (content/referanse/
 * sporsmal.yaml, checked at build by src/schemas/reference-questions.ts).
 */
import { getEntry } from 'astro:content';
import type { ReferenceQuestions } from '../schemas/reference-questions.ts';

export async function referenceQuestionsEntry(): Promise<ReferenceQuestions> {
  const entry = await getEntry('referenceQuestions', 'sporsmal');
  if (!entry) throw new Error('content/referanse/sporsmal.yaml must hold the reference questions.');
  return entry.data;
}

/** The questions, in the order the page shows them. */
export async function referenceQuestions(): Promise<ReferenceQuestions['questions']> {
  return (await referenceQuestionsEntry()).questions;
}
