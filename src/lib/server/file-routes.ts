/**
 * What the workspace's file routes (the case's PDF, the archive ZIP, the numbers' CSV) share: the
 * plain-text answer when there is no file, and who issues an archive copy. Server only.
 */
import { getProfile } from '../profile.ts';
import { referenceQuestions } from '../reference-questions.ts';
import type { Issuer } from './archive/case-pdf.ts';

/** A plain-text answer (a refusal or failure in words) in place of the file. */
export function plainText(body: string, status: number): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The issuer of an archive copy: the municipality and unit, and the reference questions. */
export async function archiveIssuer(): Promise<Issuer> {
  const profile = await getProfile();
  return {
    municipality: profile.municipality,
    unit: profile.unit,
    referenceQuestions: await referenceQuestions(),
  };
}
