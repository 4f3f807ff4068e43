/**
 * What the e-mails to the applicant about "Min søknad" say: the sign-in link, the link that
 * confirms a new address, and the short status e-mails (a conversation is scheduled, a home visit,
 * approved, declined, withdrawn by the service). The inputs are the applicant's first name, the
 * link and the profile: no reference, no answer, nothing else of the application, so an e-mail
 * read by someone else tells them nothing beyond that there is an application.
 */
import type { Profile } from '../../../schemas/profile.ts';
import { APPLICANT_LINK, duration, EMAIL_CHANGE_LINK } from '../../link-lifetimes.ts';
import { contactLines, type EmailContent } from './content.ts';

export type ApplicantTemplate =
  | 'applicant_link'
  | 'applicant_email_confirm'
  | 'status_conversation_scheduled'
  | 'status_home_visit'
  | 'status_approved'
  | 'status_declined'
  | 'status_withdrawn';

export const APPLICANT_TEMPLATES: readonly ApplicantTemplate[] = [
  'applicant_link',
  'applicant_email_confirm',
  'status_conversation_scheduled',
  'status_home_visit',
  'status_approved',
  'status_declined',
  'status_withdrawn',
];

/** What an applicant e-mail may use. Deliberately no reference and no answers. */
export interface ApplicantFacts {
  firstName: string;
  /** The sign-in link, the confirmation link, or <site>/min-soknad/ for a status e-mail. */
  url: string;
}

const STATUS: Record<
  Exclude<ApplicantTemplate, 'applicant_link' | 'applicant_email_confirm'>,
  { subject: string; heading: string; text: string }
> = {
  status_conversation_scheduled: {
    subject: 'Nytt i søknaden din: samtale avtalt',
    heading: 'Vi har avtalt en samtale',
    text: 'Vi har avtalt en samtale med deg. Tid og sted får du av den som har ringt eller skrevet til deg.',
  },
  status_home_visit: {
    subject: 'Nytt i søknaden din: hjemmebesøk',
    heading: 'Neste steg er hjemmebesøket',
    text: 'Søknaden din har kommet til hjemmebesøket. Vi avtaler tidspunktet med deg.',
  },
  status_approved: {
    subject: 'Nytt i søknaden din: godkjent',
    heading: 'Søknaden din er godkjent',
    text: 'Vi har godkjent søknaden din. Vi tar kontakt med deg om det som skjer videre.',
  },
  status_declined: {
    subject: 'Nytt i søknaden din: avgjørelse',
    heading: 'Vi har gjort en avgjørelse',
    text: 'Vi har gjort en avgjørelse i søknaden din. Logg inn på Min søknad for å se den, eller ta kontakt med oss.',
  },
  status_withdrawn: {
    subject: 'Nytt i søknaden din: avsluttet',
    heading: 'Søknaden din er avsluttet',
    text: 'Vi har avsluttet søknaden din. Har du spørsmål om hvorfor, kan du ta kontakt med oss.',
  },
};

export function applicantContent(
  template: ApplicantTemplate,
  facts: ApplicantFacts,
  profile: Profile,
): EmailContent {
  const unit = profile.unit.toLowerCase();
  const common = {
    sender: `${profile.unit}, ${profile.municipality}`,
    facts: [],
    contact: {
      heading: 'Spørsmål?',
      intro: `Ta kontakt med ${unit} i ${profile.municipality}. Ikke send personopplysninger på e-post.`,
      lines: contactLines(profile),
    },
  };
  const hello = `Hei, ${facts.firstName}.`;
  const privacy = 'Av hensyn til personvernet ditt står ingen av svarene dine i denne e-posten.';
  if (template === 'applicant_link')
    return {
      ...common,
      subject: 'Lenke for å logge inn på Min søknad',
      preheader: `Lenken virker i ${duration(APPLICANT_LINK)}.`,
      heading: 'Logg inn på Min søknad',
      intro: [
        hello,
        'Du ba om en lenke for å se søknaden din. Åpne lenken og trykk på knappen for å logge inn.',
      ],
      action: { text: 'Logg inn på Min søknad', href: facts.url },
      sections: [
        {
          heading: 'Lenken',
          paragraphs: [
            `Lenken virker i ${duration(APPLICANT_LINK)} og kan brukes én gang. Ikke send den videre.`,
          ],
        },
      ],
      footer: [
        privacy,
        `E-posten ble sendt automatisk fra ${unit} i ${profile.municipality} fordi noen ba om en lenke til denne adressen. Har du ikke bedt om den, kan du se bort fra den.`,
      ],
    };
  if (template === 'applicant_email_confirm')
    return {
      ...common,
      subject: 'Bekreft den nye e-postadressen din',
      preheader: 'Åpne lenken for å bruke denne adressen i søknaden din.',
      heading: 'Bekreft e-postadressen',
      intro: [
        hello,
        'Du har bedt om at vi bruker denne adressen i søknaden din. Åpne lenken og trykk på knappen for å bekrefte den.',
      ],
      action: { text: 'Bekreft e-postadressen', href: facts.url },
      sections: [
        {
          heading: 'Lenken',
          paragraphs: [
            `Lenken virker i ${duration(EMAIL_CHANGE_LINK)}. Til du har bekreftet, sender vi e-post til den gamle adressen.`,
          ],
        },
      ],
      footer: [
        privacy,
        `E-posten ble sendt automatisk fra ${unit} i ${profile.municipality}. Har du ikke bedt om dette, kan du se bort fra den.`,
      ],
    };
  const status = STATUS[template];
  return {
    ...common,
    subject: status.subject,
    preheader: status.heading,
    heading: status.heading,
    intro: [hello, status.text],
    action: { text: 'Se søknaden din på Min søknad', href: facts.url },
    sections: [],
    footer: [
      privacy,
      `E-posten ble sendt automatisk fra ${unit} i ${profile.municipality} fordi du har søkt hos oss.`,
    ],
  };
}
