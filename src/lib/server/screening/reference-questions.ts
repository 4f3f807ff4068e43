/**
 * The reference questions as coordinators read them: the municipality's one definition
 * (content/referanse/, the collection `referenceQuestions`) with `{navn}` filled in with the
 * applicant's name, so a referee's answers stand under the very question they were asked.
 */
import { getCollection } from 'astro:content';
import type { Question } from '../../../components/workspace/case/household-entries.ts';

/** The questions' ids and labels; an answer to a question since removed keeps its id. */
export async function referenceQuestions(): Promise<Question[]> {
  const [entry] = await getCollection('referenceQuestions');
  return (entry?.data.questions ?? []).map(({ id, label }) => ({ id, label }));
}
