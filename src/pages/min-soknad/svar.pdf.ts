/**
 * GET /min-soknad/svar.pdf?sak=<reference>: the applicant's own answers as a tagged PDF, for the
 * holder of a live session only (the database decides which applications that is). The file name
 * carries the reference, never a name; the answer is never cached.
 */
import type { APIRoute } from 'astro';
import { getProfile } from '../../lib/profile.ts';
import { answersPdf } from '../../lib/server/applicant/answers-pdf.ts';
import { applicantPage } from '../../lib/server/applicant/calls.ts';
import { APPLICANT_HEADERS, sessionToken } from '../../lib/server/applicant/session.ts';
import { plainText } from '../../lib/server/file-routes.ts';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const session = sessionToken(context);
  if (!session) return context.redirect('/min-soknad/', 303);
  const outcome = await applicantPage(session);
  if (!outcome.ok)
    return outcome.reason === 'signed_out'
      ? context.redirect('/min-soknad/', 303)
      : plainText(
          'Vi får ikke laget filen akkurat nå. Prøv igjen om litt.',
          503,
          APPLICANT_HEADERS,
        );
  const reference = context.url.searchParams.get('sak');
  const application = outcome.data.applications.find((a) => a.reference === reference);
  if (!application) return plainText('Fant ikke søknaden.', 404, APPLICANT_HEADERS);
  const profile = await getProfile();
  const pdf = await answersPdf(application, profile, new Date());
  return new Response(pdf as Uint8Array<ArrayBuffer>, {
    headers: {
      ...APPLICANT_HEADERS,
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="soknad-${application.reference}.pdf"`,
      'Content-Length': String(pdf.byteLength),
    },
  });
};
