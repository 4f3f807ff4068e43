import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../../src/schemas/profile.ts';
import { projectRoot } from '../../../supabase/local/stack.ts';

interface Sample {
  template: 'receipt' | 'coordinator_notice';
  kind: 'besokshjem' | 'tilsynsperson';
  reference: string;
  subject: string;
  html: string;
  text: string;
}

let profile: Profile;
let samples: Sample[];

beforeAll(() => {
  const output = execFileSync(process.execPath, ['tests/unit/email/render-samples.ts'], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  ({ profile, samples } = JSON.parse(output) as { profile: Profile; samples: Sample[] });
});

const of = (template: Sample['template'], kind: Sample['kind']) =>
  samples.find((s) => s.template === template && s.kind === kind)!;

describe('every message', () => {
  it('is a Norwegian HTML document with a title, one h1 and sections under h2', () => {
    expect(samples).toHaveLength(4);
    for (const { html, subject } of samples) {
      expect(html).toMatch(/^<!doctype html>\n<html lang="nb" dir="ltr">/);
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).toContain(`<title>${subject}</title>`);
      expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
      expect(html.match(/<h2[\s>]/g)?.length).toBeGreaterThanOrEqual(1);
      expect(html).not.toMatch(/<h[3-6][\s>]/);
    }
  });

  it('uses a simple layout that mail clients keep: no tables, no style blocks, no scripts', () => {
    for (const { html } of samples) {
      expect(html).not.toMatch(/<table|<style|<script|<link|class="/i);
      // Svelte's hydration markers are removed.
      expect(html).not.toContain('<!--');
    }
  });

  it('has link texts that say where they go', () => {
    for (const { html } of samples) {
      for (const [, text] of html.matchAll(/<a [^>]*>([^<]*)<\/a>/g)) {
        expect(text?.trim().length).toBeGreaterThan(3);
        expect(text).not.toMatch(/^(klikk her|her|les mer|link|lenke)$/i);
      }
    }
  });

  it('has a plain-text part with the same reference and no markup', () => {
    for (const { text, reference } of samples) {
      expect(text).toContain(reference);
      expect(text).not.toMatch(/<[a-z]/i);
    }
  });
});

describe('the receipt', () => {
  it('gives the reference, the next steps and the contact details from the profile', () => {
    for (const kind of ['besokshjem', 'tilsynsperson'] as const) {
      const { subject, html, text } = of('receipt', kind);
      expect(subject).toBe(`Vi har mottatt søknaden din (${of('receipt', kind).reference})`);
      for (const part of [html, text]) {
        expect(part).toContain('Hva skjer nå?');
        expect(part).toContain('samtale');
        expect(part).toContain('ikke være eldre enn tre måneder');
        expect(part).toContain('innen fem arbeidsdager');
        expect(part).toContain('bekreftelse på formålet');
        expect(part).toContain('idrettslaget eller jobben');
        expect(part).toContain('Ikke send personopplysninger på e-post');
        expect(part).toContain(profile.email);
        expect(part).toContain(profile.visitingAddress.street);
        expect(part).toContain(profile.municipality);
        expect(part).toContain('23. november 2026 kl. 14.05');
      }
      // The main phone is optional in the profile: shown when there is one, left out when not.
      if (profile.phone) {
        for (const part of [html, text]) expect(part).toContain(profile.phone);
        expect(html).toContain(`href="tel:+47${profile.phone.replace(/\D/g, '')}"`);
      } else {
        expect(html).not.toContain('href="tel:');
      }
      expect(html).toContain(`href="mailto:${profile.email}"`);
    }
    expect(of('receipt', 'besokshjem').text).toContain('besøk hjemme hos deg');
    expect(of('receipt', 'tilsynsperson').text).not.toContain('besøk hjemme hos deg');
    expect(of('receipt', 'tilsynsperson').text).toContain('tilsynsbesøket');
  });
});

describe('the coordinators’ notice', () => {
  it('gives the kind, the reference, the time and where to screen it', () => {
    const { subject, text, html } = of('coordinator_notice', 'tilsynsperson');
    expect(subject).toBe('Ny søknad: tilsynsperson (TP-A2B3-C4D5)');
    expect(of('coordinator_notice', 'besokshjem').subject).toBe(
      'Ny søknad: besøkshjem (BH-7K3M-Q9XD)',
    );
    for (const part of [text, html]) {
      expect(part).toContain('Type: ');
      expect(part).toContain('23. november 2026 kl. 14.05');
      expect(part).toContain('arbeidsflaten for koordinatorer');
      expect(part).toContain('/koordinator/');
      expect(part).toContain('arbeidskøen');
      expect(part).not.toContain('Supabase');
      expect(part).not.toContain('skjermingskøen');
    }
  });
});
