/**
 * Renders every template for both kinds with the real profile and prints them as JSON. Run by
 * templates.test.ts in plain Node (Vitest's own pipeline has no Svelte plugin; the hooks that
 * `npm run outbox:send` uses compile the components here too).
 */
import '../../../src/lib/server/email/svelte-hooks.ts';
import path from 'node:path';
import { loadProfileFile } from '../../../src/lib/server/email/profile-file.ts';
import { projectRoot } from '../../../supabase/local/stack.ts';

const { renderEmail } = await import('../../../src/lib/server/email/render.ts');
const profile = await loadProfileFile(path.join(projectRoot, 'content'));
const receivedAt = new Date('2026-11-23T13:05:00Z');
const samples = [];
for (const template of ['receipt', 'coordinator_notice'] as const) {
  for (const [kind, reference] of [
    ['besokshjem', 'BH-7K3M-Q9XD'],
    ['tilsynsperson', 'TP-A2B3-C4D5'],
  ] as const) {
    samples.push({
      template,
      kind,
      reference,
      ...renderEmail({ template, kind, reference, receivedAt }, profile),
    });
  }
}
// The link e-mails, with names and a link only (what claim_outbox_messages hands the sender).
const link = {
  url: 'https://fosterhjem.eksempel.invalid/referanse/TOKEN_TOKEN_TOKEN_TOKEN_TOKEN_TOKEN_TOKEN_T/',
  privacyUrl: 'https://fosterhjem.eksempel.invalid/personvern/#medsoker-og-referanser',
  applicantName: 'Kari Nordmann',
  recipientName: 'Ola Venn',
};
const linkSamples = [];
for (const template of ['co_applicant_request', 'referee_request', 'referee_reminder'] as const) {
  for (const kind of ['besokshjem', 'tilsynsperson'] as const) {
    linkSamples.push({
      template,
      kind,
      ...renderEmail({ template, kind, reference: 'BH-7K3M-Q9XD', receivedAt, link }, profile),
    });
  }
}
// The referee's art. 14 notice: the two names and the privacy link only, as the claim gives it.
const { url: _url, ...names } = link;
const noticeSamples = [];
for (const kind of ['besokshjem', 'tilsynsperson'] as const) {
  noticeSamples.push({
    template: 'referee_notice',
    kind,
    ...renderEmail(
      { template: 'referee_notice', kind, reference: 'BH-7K3M-Q9XD', receivedAt, names },
      profile,
    ),
  });
}
// The applicant's own e-mails: the first name and a link only.
const applicant = {
  firstName: 'Kari',
  url: 'https://fosterhjem.eksempel.invalid/min-soknad/inn/TOKEN_TOKEN_TOKEN_TOKEN_TOKEN_TOKEN_TOKEN_T/',
};
const applicantSamples = [];
for (const template of [
  'applicant_link',
  'applicant_email_confirm',
  'status_conversation_scheduled',
  'status_home_visit',
  'status_approved',
  'status_declined',
  'status_withdrawn',
] as const) {
  applicantSamples.push({
    template,
    ...renderEmail(
      { template, kind: 'besokshjem', reference: 'BH-7K3M-Q9XD', receivedAt, applicant },
      profile,
    ),
  });
}
const receiptWithPage = renderEmail(
  {
    template: 'receipt',
    kind: 'besokshjem',
    reference: 'BH-7K3M-Q9XD',
    receivedAt,
    applicantPageUrl: 'https://fosterhjem.eksempel.invalid/min-soknad/',
  },
  profile,
);
process.stdout.write(
  JSON.stringify({
    profile,
    samples,
    linkSamples,
    noticeSamples,
    link,
    applicant,
    applicantSamples,
    receiptWithPage,
  }),
);
