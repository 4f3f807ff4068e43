/**
 * What the e-mails to a co-applicant or referee say: the co-applicant's request, a referee's
 * request and reminder (each with a personal link), and the notice to a referee nobody has asked
 * in time (no link; GDPR art. 14). Each says who gave us the address and why, what happens next,
 * and links the privacy statement. The inputs are the two names, the link and the profile: no
 * answer, no phone number, no address of anyone.
 */
import type { Profile } from '../../../schemas/profile.ts';
import type { ApplicationKind } from '../../reference.ts';
import {
  contactLines,
  roleNames,
  type EmailContent,
  type LinkFacts,
  type LinkTemplate,
  type NameFacts,
} from './content.ts';

/** How long a link works (private.link_lifetime in the database). */
export const LINK_DAYS = 21;

function privacySection(link: NameFacts, who: string): EmailContent['sections'][number] {
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

/**
 * The art. 14 notice to a referee nobody has asked 25 days after the application came in: who
 * gave us their details and why, that we may ask them for a reference, that they need do nothing.
 */
export function refereeNotice(
  kind: ApplicationKind,
  names: NameFacts,
  profile: Profile,
): EmailContent {
  const role = roleNames[kind];
  const unit = profile.unit.toLowerCase();
  return {
    subject: `Du er oppgitt som referanse for ${names.applicantName}`,
    preheader: `${names.applicantName} har søkt om ${role.become} og oppgitt deg som referanse. Du trenger ikke gjøre noe nå.`,
    sender: `${profile.unit}, ${profile.municipality}`,
    heading: 'Du er oppgitt som referanse',
    intro: [
      `Hei, ${names.recipientName}.`,
      `${names.applicantName} har søkt om ${role.become} for ${unit} i ${profile.municipality}, og har oppgitt deg som referanse. Det var ${names.applicantName} som ga oss navnet ditt, telefonnummeret ditt og e-postadressen din, og skrev hvordan dere kjenner hverandre.`,
      'Du har rett til å vite at vi har disse opplysningene om deg, hvor vi har dem fra, og hvorfor. Derfor skriver vi til deg.',
    ],
    facts: [],
    sections: [
      {
        heading: 'Hva skjer nå?',
        paragraphs: [],
        steps: [
          'Du trenger ikke gjøre noe nå.',
          `Mens vi behandler søknaden, kan ${unit} ta kontakt med deg og be om en referanse. Da får du en ny e-post med en personlig lenke, eller vi ringer deg.`,
          'Det er frivillig å gi en referanse. Du kan også si nei når vi spør.',
        ],
      },
      privacySection(
        names,
        `Vi behandler navnet ditt, kontaktopplysningene dine og hvordan du kjenner søkeren fordi ${names.applicantName} har oppgitt deg som referanse.`,
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
