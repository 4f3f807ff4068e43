/**
 * GET /koordinator/sak/<reference>/arkiv.pdf: the case's archive copy (PDF/A-2a), read as the
 * signed-in coordinator (row-level security decides) and made on the server. The middleware has
 * already let only an active coordinator through and marks the answer no-store; the file name
 * carries the reference, never the applicant's name.
 */
import type { APIRoute } from 'astro';
import { signedIn } from '../../../../lib/coordinator/signed-in.ts';
import { archiveIssuer } from '../../../../lib/server/archive/issuer.ts';
import { plainText } from '../../../../lib/server/file-routes.ts';
import { casePdf } from '../../../../lib/server/archive/case-pdf.ts';
import { pdfFileName } from '../../../../lib/server/archive/export.ts';
import { loadCase, type Case } from '../../../../lib/server/screening/case.ts';
import { dbMessage } from '../../../../lib/server/screening/errors.ts';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const { params } = context;
  const signed = signedIn(context);
  if (signed instanceof Response) return signed;
  const { client, coordinator } = signed;
  let found: Case | null;
  try {
    found = await loadCase(client, params.reference ?? '');
  } catch (error) {
    return plainText(dbMessage(error as { code?: string; message?: string }), 503);
  }
  if (!found) return plainText('Fant ikke saken. Den kan være slettet etter lagringstiden.', 404);
  const pdf = await casePdf(found, await archiveIssuer(), {
    at: new Date(),
    by: coordinator.name,
  });
  return new Response(pdf as Uint8Array<ArrayBuffer>, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${pdfFileName(found.application.reference)}"`,
      'Content-Length': String(pdf.byteLength),
    },
  });
};
