/** Who issues an archive copy (the case's PDF and the archive ZIP): read from the content. */
import { getProfile } from '../../profile.ts';
import { referenceQuestions } from '../../reference-questions.ts';
import type { Issuer } from './case-pdf.ts';

/** The issuer of an archive copy: the municipality and unit, and the reference questions. */
export async function archiveIssuer(): Promise<Issuer> {
  const profile = await getProfile();
  return {
    municipality: profile.municipality,
    unit: profile.unit,
    referenceQuestions: await referenceQuestions(),
  };
}
