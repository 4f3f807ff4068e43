/**
 * GET /koordinator/arkiv/arkivkopier.zip?fra=&til=: the lead's bulk export of ended cases, a ZIP
 * streamed as it is made (src/lib/server/archive/export.ts), read as the lead through row-level
 * security. Only an active lead gets it (the middleware has let only active coordinators this
 * far); a form the schema refuses goes back to the page, which says why and keeps what was typed.
 */
import type { APIRoute } from 'astro';
import { signedIn } from '../../../lib/coordinator/signed-in.ts';
import {
  ArchiveExportSchema,
  EXPORT_FOR_LEADS,
  endedBetween,
  exportQuery,
} from '../../../lib/coordinator/archive-export.ts';
import { archiveIssuer } from '../../../lib/server/archive/issuer.ts';
import { plainText } from '../../../lib/server/file-routes.ts';
import { osloDate } from '../../../lib/dates.ts';
import { archiveEntries, zipStream } from '../../../lib/server/archive/export.ts';
import { endedCases } from '../../../lib/server/archive/load.ts';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const { url, redirect } = context;
  const signed = signedIn(context);
  if (signed instanceof Response) return signed;
  const { client, coordinator, isLead } = signed;
  if (!isLead) return plainText(EXPORT_FOR_LEADS, 403);
  const query = exportQuery(url);
  const form = ArchiveExportSchema.safeParse(query);
  if (!form.success) return redirect(`/koordinator/arkiv/?${new URLSearchParams(query)}`, 303);
  const made = { at: new Date(), by: coordinator.name };
  const entries = archiveEntries(
    endedCases(client, endedBetween(form.data)),
    await archiveIssuer(),
    made,
  );
  // No personal data in the log: only that an export failed, and the database's code.
  const stream = zipStream(entries, (error) =>
    console.error(
      `archive export stopped: ${(error as { code?: string }).code ?? 'unknown error'}`,
    ),
  );
  return new Response(stream, {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="arkivkopier-${osloDate(made.at)}.zip"`,
    },
  });
};
