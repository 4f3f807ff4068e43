/**
 * What the e-mails to a co-applicant or referee say: the co-applicant's request, a referee's
 * request and reminder (each with a personal link), and the notice to a referee nobody has asked
 * in time (no link; GDPR art. 14). Each says who gave us the address and why, what happens next,
 * and links the privacy statement. The inputs are the two names, the link and the profile: no
 * answer, no phone number, no address of anyone.
 */
import type { Profile } from '../../../schemas/profile.ts';
import { duration, PERSONAL_LINK } from '../../link-lifetimes.ts';
import type { ApplicationKind } from '../../reference.ts';
import {
  contactLines,
  roleNames,
  type EmailContent,
  type LinkFacts,
  type LinkTemplate,
  type NameFacts,
} from './content.ts';

/** What sets one e-mail to a co-applicant or referee apart from the others. */
interface Letter {
  subject: string;
  heading: string;
  /** What the applicant has done with the recipient: "skrevet at dere søker sammen". */
  given: string;
  /** What follows the preheader's first sentence, if anything. */
  preheaderMore?: string;
  /** What the applicant gave us beyond the name, phone and address, if anything. */
  gaveMore?: string;
  /** The intro's paragraphs after who gave us the address. */
  intro: string[];
  action?: EmailContent['action'];
  steps: string[];
  /** The link section's paragraph (none without a link). */
  link?: string;
  /** Why we process what we have about the recipient. */
  privacy: string;
  /** How the address came to us: someone "skrev" or "oppga" it in an application. */
  wrote: 'skrev' | 'oppga';
}

/**
 * One e-mail to a co-applicant or referee: the parts all of them share around the letter that
 * `letterOf` writes for the service's unit (in lower case).
 */
function linkLetter(
  kind: ApplicationKind,
  names: NameFacts,
  profile: Profile,
  letterOf: (unit: string) => Letter,
): EmailContent {
  const role = roleNames[kind];
  const unit = profile.unit.toLowerCase();
  const applicant = names.applicantName;
  const letter = letterOf(unit);
  return {
    subject: letter.subject,
    preheader: [`${applicant} har søkt om ${role.become} og ${letter.given}.`, letter.preheaderMore]
      .filter(Boolean)
      .join(' '),
    sender: `${profile.unit}, ${profile.municipality}`,
    heading: letter.heading,
    intro: [
      `Hei, ${names.recipientName}.`,
      `${applicant} har søkt om ${role.become} for ${unit} i ${profile.municipality}, og har ${letter.given}. Det var ${applicant} som ga oss navnet ditt, telefonnummeret ditt og e-postadressen din${letter.gaveMore ?? ''}.`,
      ...letter.intro,
    ],
    ...(letter.action ? { action: letter.action } : {}),
    facts: [],
    sections: [
      { heading: 'Hva skjer nå?', paragraphs: [], steps: letter.steps },
      ...(letter.link ? [{ heading: 'Lenken', paragraphs: [letter.link] }] : []),
      {
        heading: 'Personvern',
        paragraphs: [
          `${letter.privacy} Personvernerklæringen forteller hvilke opplysninger vi har om deg, hvor vi har dem fra, hvor lenge vi lagrer dem og hvilke rettigheter du har.`,
        ],
        links: [{ text: 'Les personvernerklæringen', href: names.privacyUrl }],
      },
    ],
    contact: {
      heading: 'Spørsmål?',
      intro: `Ta kontakt med ${unit} i ${profile.municipality}. Ikke send personopplysninger på e-post.`,
      lines: contactLines(profile),
    },
    footer: [
      'Av hensyn til personvernet står ingen av svarene i søknaden i denne e-posten.',
      `E-posten ble sendt automatisk fra ${unit} i ${profile.municipality} fordi noen ${letter.wrote} denne adressen i en søknad. Kjenner du ikke søkeren, kan du se bort fra den eller gi oss beskjed.`,
    ],
  };
}

/** The link section's paragraph; `since` says from when the days count, if not from today. */
function linkParagraph(since = ''): string {
  return `Lenken er personlig og virker i ${duration(PERSONAL_LINK)}${since}. Du kan svare én gang. Ikke send lenken videre.`;
}

function coApplicantRequest(link: LinkFacts, unit: string): Letter {
  return {
    subject: `Bekreft at du søker sammen med ${link.applicantName}`,
    heading: `Søker du sammen med ${link.applicantName}?`,
    given: 'skrevet at dere søker sammen',
    intro: [
      'Når to søker sammen, vurderer vi dere begge. Derfor ber vi deg om å svare selv, med lenken under.',
    ],
    action: { text: 'Svar om du søker sammen med søkeren', href: link.url },
    steps: [
      'Åpne lenken og svar om du søker sammen med søkeren.',
      'Svarer du ja, gir du oss noen få opplysninger om deg selv: at du er 18 år eller eldre, telefonnummeret ditt, når vi kan ringe, og om du har politiattest.',
      `Svarer du nei, får ${unit} beskjed om det, og vi lagrer ikke noe annet fra deg.`,
      'Vi tar kontakt med dere når vi har kommet så langt med søknaden.',
    ],
    link: linkParagraph(),
    privacy: `Vi behandler navnet ditt og kontaktopplysningene dine fordi ${link.applicantName} søker sammen med deg.`,
    wrote: 'skrev',
  };
}

function refereeRequest(link: LinkFacts, unit: string, reminder: boolean): Letter {
  return {
    subject: reminder
      ? `Påminnelse: referanse for ${link.applicantName}`
      : `Vil du være referanse for ${link.applicantName}?`,
    heading: reminder ? 'Påminnelse om referansen' : 'Du er oppgitt som referanse',
    given: 'oppgitt deg som referanse',
    intro: [
      ...(reminder
        ? ['For en uke siden ba vi deg om en referanse. Vi har ikke fått svar ennå.']
        : []),
      'Vi spør referanser fordi de kjenner søkeren fra hverdagen. Svarene dine hjelper oss å bli kjent med søkeren.',
    ],
    action: { text: `Svar som referanse for ${link.applicantName}`, href: link.url },
    steps: [
      'Åpne lenken og svar på noen korte spørsmål med egne ord. Det tar omtrent ti minutter.',
      `Vil du ikke være referanse, kan du svare nei med den samme lenken. Det er frivillig.`,
      `Svarene dine leses bare av dem som behandler søknaden hos ${unit}. Har vi spørsmål, kan vi ringe deg.`,
    ],
    link: linkParagraph(reminder ? ' fra vi ba om referansen' : ''),
    privacy: `Vi behandler navnet ditt og kontaktopplysningene dine fordi ${link.applicantName} har oppgitt deg som referanse, og det du svarer, fordi du gir oss det selv.`,
    wrote: 'oppga',
  };
}

/** The content of one link e-mail. */
export function linkContent(
  template: LinkTemplate,
  kind: ApplicationKind,
  link: LinkFacts,
  profile: Profile,
): EmailContent {
  return linkLetter(kind, link, profile, (unit) =>
    template === 'co_applicant_request'
      ? coApplicantRequest(link, unit)
      : refereeRequest(link, unit, template === 'referee_reminder'),
  );
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
  return linkLetter(kind, names, profile, (unit) => ({
    subject: `Du er oppgitt som referanse for ${names.applicantName}`,
    heading: 'Du er oppgitt som referanse',
    given: 'oppgitt deg som referanse',
    preheaderMore: 'Du trenger ikke gjøre noe nå.',
    gaveMore: ', og skrev hvordan dere kjenner hverandre',
    intro: [
      'Du har rett til å vite at vi har disse opplysningene om deg, hvor vi har dem fra, og hvorfor. Derfor skriver vi til deg.',
    ],
    steps: [
      'Du trenger ikke gjøre noe nå.',
      `Mens vi behandler søknaden, kan ${unit} ta kontakt med deg og be om en referanse. Da får du en ny e-post med en personlig lenke, eller vi ringer deg.`,
      'Det er frivillig å gi en referanse. Du kan også si nei når vi spør.',
    ],
    privacy: `Vi behandler navnet ditt, kontaktopplysningene dine og hvordan du kjenner søkeren fordi ${names.applicantName} har oppgitt deg som referanse.`,
    wrote: 'oppga',
  }));
}
