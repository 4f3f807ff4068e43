/**
 * What each e-mail says, as plain data: the HTML (Svelte components) and the plain-text part are
 * both rendered from it, so they always say the same. No applicant answer ever reaches an e-mail,
 * because e-mail is no channel for personal data (the municipality's rule; the receipt itself
 * tells applicants not to send any): the inputs are the reference, the kind, the time it was
 * received and the municipality profile, nothing else.
 */
import type { Profile } from '../../../schemas/profile.ts';
import { CERTIFICATE_ALREADY, nextSteps } from '../../next-steps.ts';
import { addressText, telHref } from '../../profile-text.ts';
import type { ApplicationKind } from '../../reference.ts';
import {
  applicantContent,
  type ApplicantFacts,
  type ApplicantTemplate,
} from './applicant-content.ts';
import { linkContent, refereeNotice } from './link-content.ts';
import { overviewContent, type OverviewFacts, type OverviewTemplate } from './overview-content.ts';

/** The e-mails about an application: the applicant's receipt and the coordinators' notice. */
export type ApplicationTemplate = 'receipt' | 'coordinator_notice';
/** The e-mails with a personal link (link-content.ts). */
export type LinkTemplate = 'co_applicant_request' | 'referee_request' | 'referee_reminder';
/** The art. 14 notice to a referee nobody has asked in time (link-content.ts): no link. */
export type NoticeTemplate = 'referee_notice';
/** The coordinators' daily overview (overview-content.ts), tied to a coordinator, not a case. */
export type Template =
  ApplicationTemplate | LinkTemplate | NoticeTemplate | OverviewTemplate | ApplicantTemplate;
export type { ApplicantFacts, ApplicantTemplate };

/** What an e-mail to a co-applicant or referee may use: two names. Deliberately no answers. */
export interface NameFacts {
  /** The privacy statement's part about co-applicants and referees. */
  privacyUrl: string;
  applicantName: string;
  recipientName: string;
}

/** What a link e-mail may use: the two names and the addresses. Deliberately no answers. */
export interface LinkFacts extends NameFacts {
  /** The personal link: <site>/soknad/medsoker/<token>/ or <site>/referanse/<token>/. */
  url: string;
}

/** Everything a template may use about an application. Deliberately no answers. */
export interface MessageFacts {
  template: ApplicationTemplate | LinkTemplate | NoticeTemplate | ApplicantTemplate;
  reference: string;
  kind: ApplicationKind;
  receivedAt: Date;
  /** For the link templates only. */
  link?: LinkFacts;
  /** For the referee's notice only. */
  names?: NameFacts;
  /** For the applicant's templates only (applicant-content.ts). */
  applicant?: ApplicantFacts;
  /** <site>/min-soknad/, which the receipt links to. */
  applicantPageUrl?: string;
}

export interface Link {
  text: string;
  href: string;
}

export interface ContactLine {
  label: string;
  text: string;
  /** A link for the value (tel:, mailto: or https:), with `text` as its link text. */
  href?: string;
}

export interface Section {
  heading: string;
  paragraphs: string[];
  /** Numbered steps, in order. */
  steps?: string[];
  /** Links after the paragraphs, each text saying where it goes. */
  links?: Link[];
}

export interface EmailContent {
  subject: string;
  /** The one thing to do, shown as a link after the intro (the link e-mails). */
  action?: Link;
  /** The line clients show after the subject in the inbox. */
  preheader: string;
  /** Who sends it, shown above the heading. */
  sender: string;
  heading: string;
  intro: string[];
  /** Short label/value facts, such as the reference. */
  facts: { label: string; value: string }[];
  sections: Section[];
  contact: { heading: string; intro: string; lines: ContactLine[] } | undefined;
  footer: string[];
}

export const roleNames: Record<ApplicationKind, { noun: string; become: string }> = {
  besokshjem: { noun: 'besøkshjem', become: 'å bli besøkshjem' },
  tilsynsperson: { noun: 'tilsynsperson', become: 'å bli tilsynsperson' },
};

/** "23. november 2026 kl. 14.05" in Norwegian time. */
export function formatReceivedAt(instant: Date): string {
  const date = new Intl.DateTimeFormat('nb-NO', {
    timeZone: 'Europe/Oslo',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(instant);
  const time = new Intl.DateTimeFormat('nb-NO', {
    timeZone: 'Europe/Oslo',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(instant)
    .replace(':', '.');
  return `${date} kl. ${time}`;
}

export function contactLines(profile: Profile): ContactLine[] {
  return [
    ...(profile.phone
      ? [{ label: 'Telefon', text: profile.phone, href: telHref(profile.phone) }]
      : []),
    { label: 'E-post', text: profile.email, href: `mailto:${profile.email}` },
    { label: 'Besøksadresse', text: addressText(profile.visitingAddress) },
    {
      label: 'Nettside',
      text: `Nettsidene til ${profile.municipality}`,
      href: profile.website,
    },
  ];
}

function receipt(facts: MessageFacts, profile: Profile): EmailContent {
  const role = roleNames[facts.kind];
  return {
    subject: `Vi har mottatt søknaden din (${facts.reference})`,
    preheader: `Referansen din er ${facts.reference}. Her er det som skjer videre.`,
    sender: `${profile.unit}, ${profile.municipality}`,
    heading: 'Takk for søknaden din',
    intro: [
      `Vi har mottatt søknaden din om ${role.become}. Oppgi referansen når du tar kontakt med oss.`,
    ],
    facts: [
      { label: 'Referanse', value: facts.reference },
      { label: 'Mottatt', value: formatReceivedAt(facts.receivedAt) },
    ],
    sections: [
      {
        heading: 'Hva skjer nå?',
        paragraphs: [],
        steps: nextSteps(facts.kind),
      },
      {
        heading: 'Politiattest',
        paragraphs: [CERTIFICATE_ALREADY],
      },
      {
        heading: 'Følg søknaden på Min søknad',
        paragraphs: [
          'På Min søknad ser du hvor langt søknaden har kommet og hva du skal gjøre. Der kan du også endre telefon og adresse, laste ned svarene dine, trekke søknaden og be om sletting. Du logger inn med en lenke vi sender til denne adressen.',
        ],
        ...(facts.applicantPageUrl
          ? { links: [{ text: 'Gå til Min søknad', href: facts.applicantPageUrl }] }
          : {}),
      },
    ],
    contact: {
      heading: 'Spørsmål?',
      intro: `Ta kontakt med ${profile.unit.toLowerCase()} i ${profile.municipality}. Ikke send personopplysninger på e-post.`,
      lines: contactLines(profile),
    },
    footer: [
      'Av hensyn til personvernet ditt står ingen av svarene dine i denne e-posten.',
      `E-posten ble sendt automatisk fra ${profile.unit.toLowerCase()} i ${profile.municipality} fordi noen sendte inn en søknad med denne adressen. Har du ikke søkt, kan du se bort fra den.`,
    ],
  };
}

function coordinatorNotice(facts: MessageFacts, profile: Profile): EmailContent {
  const role = roleNames[facts.kind];
  return {
    subject: `Ny søknad: ${role.noun} (${facts.reference})`,
    preheader: `En ny søknad om ${role.become} venter på behandling.`,
    sender: `Søknadsportalen for ${profile.unit.toLowerCase()}, ${profile.municipality}`,
    heading: `Ny søknad om ${role.become}`,
    intro: ['En ny søknad venter på behandling.'],
    facts: [
      { label: 'Type', value: role.noun },
      { label: 'Referanse', value: facts.reference },
      { label: 'Mottatt', value: formatReceivedAt(facts.receivedAt) },
    ],
    sections: [
      {
        heading: 'Slik finner du søknaden',
        paragraphs: [],
        steps: [
          'Logg inn i arbeidsflaten for koordinatorer i søknadsportalen (adressen slutter på /koordinator/).',
          `Søk etter referansen ${facts.reference} i arbeidskøen, og åpne søknaden.`,
        ],
      },
    ],
    contact: undefined,
    footer: [
      'Av personvernhensyn står ingen av søkerens svar i denne e-posten. Svarene finner du bare i arbeidsflaten, når du er logget inn.',
    ],
  };
}

/** What any message's template may use: an application's facts, or the overview's counts. */
export type EmailFacts = MessageFacts | OverviewFacts;

function isApplicantTemplate(template: Template): template is ApplicantTemplate {
  return (
    template === 'applicant_link' ||
    template === 'applicant_email_confirm' ||
    template.startsWith('status_')
  );
}

/** The content of one message. */
export function emailContent(facts: EmailFacts, profile: Profile): EmailContent {
  if (facts.template === 'daily_overview') return overviewContent(facts, profile);
  if (facts.template === 'receipt') return receipt(facts, profile);
  if (facts.template === 'coordinator_notice') return coordinatorNotice(facts, profile);
  if (facts.template === 'referee_notice') {
    if (!facts.names) throw new Error('the referee_notice e-mail needs its names');
    return refereeNotice(facts.kind, facts.names, profile);
  }
  if (isApplicantTemplate(facts.template)) {
    if (!facts.applicant) throw new Error(`the ${facts.template} e-mail needs its facts`);
    return applicantContent(facts.template, facts.applicant, profile);
  }
  if (!facts.link) throw new Error(`the ${facts.template} e-mail needs its link`);
  return linkContent(facts.template, facts.kind, facts.link, profile);
}
