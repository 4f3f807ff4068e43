/**
 * GET /koordinator/tall/tall.csv?fra=&til=&rolle=: the lead's numbers for the period and role as
 * CSV, the same figures as the page ("under 5" where the database sent none). Only an active lead
 * gets them (the database checks again); a form the schema refuses goes back to the page, which
 * says why and keeps what was typed.
 */
import type { APIRoute } from 'astro';
import { signedIn } from '../../../lib/coordinator/signed-in.ts';
import {
  NUMBERS_FOR_LEADS,
  NumbersQuerySchema,
  ROLE_CHOICES,
  numbersCsv,
  numbersQuery,
} from '../../../lib/coordinator/numbers.ts';
import { plainText } from '../../../lib/server/file-routes.ts';
import { todayInOslo } from '../../../lib/dates.ts';
import { loadNumbers } from '../../../lib/server/screening/numbers.ts';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const { url, redirect } = context;
  const signed = signedIn(context);
  if (signed instanceof Response) return signed;
  const { client, isLead } = signed;
  if (!isLead) return plainText(NUMBERS_FOR_LEADS, 403);
  const values = numbersQuery(url, `${todayInOslo().slice(0, 7)}-01`);
  const form = NumbersQuerySchema.safeParse(values);
  if (!form.success) return redirect(`/koordinator/tall/?${new URLSearchParams(values)}`, 303);
  try {
    const numbers = await loadNumbers(client, form.data);
    const role = ROLE_CHOICES.find((r) => r.value === form.data.rolle)?.label ?? '';
    return new Response(numbersCsv(numbers.months, numbers.sources, role), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="tall-${form.data.fra.slice(0, 7)}-${form.data.til.slice(0, 7)}.csv"`,
      },
    });
  } catch (error) {
    // No personal data in the log: only the database's code.
    console.error(`numbers csv failed: ${(error as { code?: string }).code ?? 'unknown error'}`);
    return plainText('Vi fikk ikke hentet tallene. Prøv igjen om litt.', 503);
  }
};
