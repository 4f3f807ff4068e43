import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../../src/schemas/profile.ts';
import { projectRoot } from '../../../supabase/local/stack.ts';

interface Sample {
  template: 'co_applicant_request' | 'referee_request' | 'referee_reminder';
  kind: 'besokshjem' | 'tilsynsperson';
  subject: string;
  html: string;
  text: string;
}
interface Link {
  url: string;
  privacyUrl: string;
  applicantName: string;
  recipientName: string;
}

let profile: Profile;
let samples: Sample[];
let notices: Omit<Sample, 'template'>[];
let link: Link;

beforeAll(() => {
  const output = execFileSync(process.execPath, ['tests/unit/email/render-samples.ts'], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  ({
    profile,
    linkSamples: samples,
    noticeSamples: notices,
    link,
  } = JSON.parse(output) as {
    profile: Profile;
    linkSamples: Sample[];
    noticeSamples: typeof notices;
    link: Link;
  });
});

const of = (template: Sample['template'], kind: Sample['kind'] = 'besokshjem') =>
  samples.find((s) => s.template === template && s.kind === kind)!;

describe('the link e-mails (co-applicant request, referee request and reminder)', () => {
  it('are Norwegian HTML documents with one h1, sections under h2, no tables or scripts', () => {
    expect(samples).toHaveLength(6);
    for (const { html, subject } of samples) {
      expect(html).toMatch(/^<!doctype html>\n<html lang="nb" dir="ltr">/);
      expect(html).toContain(`<title>${subject}</title>`);
      expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
      expect(html).not.toMatch(/<h[3-6][\s>]|<table|<style|<script|class="|<!--/i);
      for (const [, text] of html.matchAll(/<a [^>]*>([^<]*)<\/a>/g)) {
        expect(text?.trim().length).toBeGreaterThan(3);
        expect(text).not.toMatch(/^(klikk her|her|les mer|link|lenke)$/i);
      }
    }
  });

  it('carry the personal link and the privacy statement, in the HTML and the text', () => {
    for (const { html, text } of samples) {
      for (const part of [html, text]) {
        expect(part).toContain(link.url);
        expect(part).toContain(link.privacyUrl);
        expect(part).toContain('Personvern');
      }
      expect(html).toContain(`href="${link.url}"`);
      expect(html).toContain(`href="${link.privacyUrl}"`);
    }
  });

  it('say who gave the address and why, what happens next, and how long the link works', () => {
    for (const { text } of samples) {
      expect(text).toContain(`Hei, ${link.recipientName}.`);
      expect(text).toContain(`Det var ${link.applicantName} som ga oss navnet ditt`);
      expect(text).toContain('Hva skjer nå?');
      expect(text).toContain('21 dager');
      expect(text).toContain('Ikke send lenken videre');
      expect(text).toContain(profile.email);
      expect(text).toContain(profile.municipality);
    }
    expect(of('co_applicant_request').subject).toBe(
      `Bekreft at du søker sammen med ${link.applicantName}`,
    );
    expect(of('co_applicant_request').text).toContain('har skrevet at dere søker sammen');
    expect(of('referee_request', 'tilsynsperson').text).toContain('å bli tilsynsperson');
    expect(of('referee_request').subject).toBe(`Vil du være referanse for ${link.applicantName}?`);
    expect(of('referee_request').text).toContain('oppgitt deg som referanse');
    expect(of('referee_request').text).toContain('Det er frivillig');
    expect(of('referee_reminder').subject).toBe(`Påminnelse: referanse for ${link.applicantName}`);
    expect(of('referee_reminder').text).toContain('Vi har ikke fått svar ennå');
    expect(of('referee_request').text).not.toContain('Påminnelse');
  });

  it('hold no personal data beyond the two names: no reference, phone number or e-mail address of anyone', () => {
    for (const { html, text, subject } of samples) {
      for (const part of [html, text, subject]) {
        // The application's reference is not the recipient's business.
        expect(part).not.toContain('BH-7K3M-Q9XD');
        // No phone number but the service's own, no e-mail address but the service's own.
        const phones = part.match(/\b\d{2,3}(?: ?\d{2,3}){2,3}\b/g) ?? [];
        for (const phone of phones)
          expect([profile.phone, ...profile.contacts.map((c) => c.phone)]).toContain(phone);
        const addresses = part.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? [];
        for (const address of addresses) expect(address).toBe(profile.email);
      }
    }
  });
});

describe("the referee's notice (art. 14, when nobody has asked 25 days after the application)", () => {
  it('says who gave the details and why, that we may ask, that nothing is needed now, in plain words', () => {
    expect(notices.map((n) => n.kind)).toEqual(['besokshjem', 'tilsynsperson']);
    for (const { kind, subject, text } of notices) {
      expect(subject).toBe(`Du er oppgitt som referanse for ${link.applicantName}`);
      expect(text).toContain(`Hei, ${link.recipientName}.`);
      expect(text).toContain(
        `${link.applicantName} har søkt om å bli ${kind === 'besokshjem' ? 'besøkshjem' : 'tilsynsperson'} for barnevernstjenesten i ${profile.municipality}, og har oppgitt deg som referanse.`,
      );
      expect(text).toContain(`Det var ${link.applicantName} som ga oss navnet ditt`);
      expect(text).toContain('Du trenger ikke gjøre noe nå.');
      expect(text).toContain('kan barnevernstjenesten ta kontakt med deg og be om en referanse');
      expect(text).toContain(profile.email);
    }
  });

  it('links the privacy statement and nothing to answer: no personal link, no token', () => {
    for (const { html, text } of notices) {
      for (const part of [html, text]) {
        expect(part).toContain(link.privacyUrl);
        expect(part).not.toContain(link.url);
        expect(part).not.toContain('/referanse/');
        expect(part).not.toContain('TOKEN');
      }
      expect(html).toContain(`href="${link.privacyUrl}"`);
      expect(html).toMatch(/^<!doctype html>\n<html lang="nb" dir="ltr">/);
      expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
      expect(html).not.toMatch(/<h[3-6][\s>]|<table|<style|<script|class="|<!--/i);
    }
  });

  it('holds the two names only: no reference, no phone number or e-mail address of anyone', () => {
    for (const { html, text, subject } of notices) {
      for (const part of [html, text, subject]) {
        expect(part).not.toContain('BH-7K3M-Q9XD');
        const phones = part.match(/\b\d{2,3}(?: ?\d{2,3}){2,3}\b/g) ?? [];
        for (const phone of phones)
          expect([profile.phone, ...profile.contacts.map((c) => c.phone)]).toContain(phone);
        const addresses = part.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? [];
        for (const address of addresses) expect(address).toBe(profile.email);
      }
    }
  });
});
