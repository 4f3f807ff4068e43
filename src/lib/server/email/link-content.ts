/**
 * What the e-mails with a personal link say: the co-applicant's request and a referee's request
 * and reminder. Each says who gave us the address and why, what to do and what happens next, and
 * links the privacy statement. The inputs are the two names, the link and the profile: no answer,
 * no phone number, no address of anyone.
 */
import type { Profile } from '../../../schemas/profile.ts';
import type { ApplicationKind } from '../../reference.ts';
import {
  contactLines,
  roleNames,
  type EmailContent,
  type LinkFacts,
  type LinkTemplate,
} from './content.ts';

/** How long a link works (private.link_lifetime in the database). */
export const LINK_DAYS = 21;

function privacySection(link: LinkFacts, who: string): EmailContent['sections'][number] {
  return {
    heading: 'Personvern',
    paragraphs: [
      `${who} Personvernerklæringen forteller hvilke opplysninger vi har om deg, hvor vi har dem fra, hvor lenge vi lagrer dem og hvilke rettigheter du har.`,
    ],
    links: [{ text: 'Les personvernerklæringen', href: link.privacyUrl }],
  };
}

function coApplicantRequest(
  kind: ApplicationKind,
  link: LinkFacts,
  profile: Profile,
): EmailContent {
  const role = roleNames[kind];
  const unit = profile.unit.toLowerCase();
  return {
    subject: `Bekreft at du søker sammen med ${link.applicantName}`,
    preheader: `${link.applicantName} har søkt om ${role.become} og skrevet at dere søker sammen.`,
    sender: `${profile.unit}, ${profile.municipality}`,
    heading: 'Søker du sammen med oss?',
    intro: [
      `Hei, ${link.recipientName}.`,
      `${link.applicantName} har søkt om ${role.become} for ${unit} i ${profile.municipality}, og har skrevet at dere søker sammen. Det var ${link.applicantName} som ga oss navnet ditt, telefonnummeret ditt og e-postadressen din.`,
      'Når to søker sammen, vurderer vi dere begge. Derfor ber vi deg om å svare selv, med lenken under.',
    ],
    action: { text: 'Svar om du søker sammen med søkeren', href: link.url },
    facts: [],
    sections: [
      {
        heading: 'Hva skjer nå?',
        paragraphs: [],
        steps: [
          'Åpne lenken og svar om du søker sammen med søkeren.',
          'Svarer du ja, gir du oss noen få opplysninger om deg selv: at du er 18 år eller eldre, telefonnummeret ditt, når vi kan ringe, og om du har politiattest.',
          `Svarer du nei, får ${unit} beskjed om det, og vi lagrer ikke noe annet fra deg.`,
          'Vi tar kontakt med dere når vi har kommet så langt med søknaden.',
        ],
      },
      {
        heading: 'Lenken',
        paragraphs: [
          `Lenken er personlig og virker i ${LINK_DAYS} dager. Du kan svare én gang. Ikke send lenken videre.`,
        ],
      },
      privacySection(
        link,
        `Vi behandler navnet ditt og kontaktopplysningene dine fordi ${link.applicantName} søker sammen med deg.`,
      ),
    ],
    contact: {
      heading: 'Spørsmål?',
      intro: `Ta kontakt med ${unit} i ${profile.municipality}. Ikke send personopplysninger på e-post.`,
      lines: contactLines(profile),
    },
    footer: [
      'Av hensyn til personvernet står ingen av svarene i søknaden i denne e-posten.',
      `E-posten ble sendt automatisk fra ${unit} i ${profile.municipality} fordi noen skrev denne adressen i en søknad. Kjenner du ikke søkeren, kan du se bort fra den eller gi oss beskjed.`,
    ],
  };
}

function refereeRequest(
  kind: ApplicationKind,
  link: LinkFacts,
  profile: Profile,
  reminder: boolean,
): EmailContent {
  const role = roleNames[kind];
  const unit = profile.unit.toLowerCase();
  return {
    subject: reminder
      ? `Påminnelse: referanse for ${link.applicantName}`
      : `Vil du være referanse for ${link.applicantName}?`,
    preheader: `${link.applicantName} har søkt om ${role.become} og oppgitt deg som referanse.`,
    sender: `${profile.unit}, ${profile.municipality}`,
    heading: reminder ? 'Påminnelse om referansen' : 'Du er oppgitt som referanse',
    intro: [
      `Hei, ${link.recipientName}.`,
      `${link.applicantName} har søkt om ${role.become} for ${unit} i ${profile.municipality}, og har oppgitt deg som referanse. Det var ${link.applicantName} som ga oss navnet ditt, telefonnummeret ditt og e-postadressen din.`,
      ...(reminder
        ? ['For en uke siden ba vi deg om en referanse. Vi har ikke fått svar ennå.']
        : []),
      'Vi spør referanser fordi de kjenner søkeren fra hverdagen. Svarene dine hjelper oss å bli kjent med søkeren.',
    ],
    action: { text: `Svar som referanse for ${link.applicantName}`, href: link.url },
    facts: [],
    sections: [
      {
        heading: 'Hva skjer nå?',
        paragraphs: [],
        steps: [
          'Åpne lenken og svar på noen korte spørsmål med egne ord. Det tar omtrent ti minutter.',
          `Vil du ikke være referanse, kan du svare nei med den samme lenken. Det er frivillig.`,
          `Svarene dine leses bare av dem som behandler søknaden hos ${unit}. Har vi spørsmål, kan vi ringe deg.`,
        ],
      },
      {
        heading: 'Lenken',
        paragraphs: [
          reminder
            ? `Lenken er personlig og virker i ${LINK_DAYS} dager fra vi ba om referansen. Du kan svare én gang. Ikke send lenken videre.`
            : `Lenken er personlig og virker i ${LINK_DAYS} dager. Du kan svare én gang. Ikke send lenken videre.`,
        ],
      },
      privacySection(
        link,
        `Vi behandler navnet ditt og kontaktopplysningene dine fordi ${link.applicantName} har oppgitt deg som referanse, og det du svarer, fordi du gir oss det selv.`,
      ),
    ],
    contact: {
      heading: 'Spørsmål?',
      intro: `Ta kontakt med ${unit} i ${profile.municipality}. Ikke send personopplysninger på e-post.`,
      lines: contactLines(profile),
    },
    footer: [
      'Av hensyn til personvernet står ingen av svarene i søknaden i denne e-posten.',
      `E-posten ble sendt automatisk fra ${unit} i ${profile.municipality} fordi noen oppga denne adressen i en søknad. Kjenner du ikke søkeren, kan du se bort fra den eller gi oss beskjed.`,
    ],
  };
}

/** The content of one link e-mail. */
export function linkContent(
  template: LinkTemplate,
  kind: ApplicationKind,
  link: LinkFacts,
  profile: Profile,
): EmailContent {
  if (template === 'co_applicant_request') return coApplicantRequest(kind, link, profile);
  return refereeRequest(kind, link, profile, template === 'referee_reminder');
}
