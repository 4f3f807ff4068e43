import { z } from 'zod';

/** A question's id: the key its answer is stored under (public.referees.answers). */
const QuestionIdSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,40}$/,
    'id: små bokstaver (a–z), tall og bindestrek, begynn med en bokstav, høyst 41 tegn',
  );

/** One question a referee answers in their own words (at most 1000 characters). */
export const ReferenceQuestionSchema = z.strictObject({
  id: QuestionIdSchema,
  /** The question; `{navn}` is replaced with the applicant's name. */
  label: z.string().min(5).max(200),
  /** A line under the question, e.g. an example of an answer. */
  hint: z.string().min(5).max(300).optional(),
  /** True: the referee may leave it empty. At least one question must be required. */
  optional: z.boolean().optional(),
});

/**
 * The questions a referee answers on /referanse/<token>/ (content/referanse/sporsmal.yaml): 1–10
 * with distinct ids, at least one required (the database takes 1–10 answers, one not empty).
 */
export const ReferenceQuestionsSchema = z.strictObject({
  /** Shown above the questions; `{navn}` is replaced with the applicant's name. */
  intro: z.string().min(5).max(600),
  questions: z
    .array(ReferenceQuestionSchema)
    .min(1)
    .max(10)
    .refine((list) => new Set(list.map((q) => q.id)).size === list.length, {
      message: 'To spørsmål har samme id. Hvert spørsmål må ha sin egen id',
    })
    .refine((list) => list.some((q) => !q.optional), {
      message: 'Minst ett spørsmål må være obligatorisk (uten optional: true)',
    }),
});

export type ReferenceQuestions = z.output<typeof ReferenceQuestionsSchema>;
export type ReferenceQuestion = z.output<typeof ReferenceQuestionSchema>;
