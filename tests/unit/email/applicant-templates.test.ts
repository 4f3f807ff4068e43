/**
 * The applicant's own e-mails (the sign-in link, the new address's confirmation, the status
 * e-mails) and the receipt's link to Min søknad: the first name and the link only, never the
 * reference or an answer, in Norwegian HTML and plain text alike.
 */
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../supabase/local/stack.ts';

interface Rendered {
  subject: string;
  html: string;
  text: string;
}
interface Sample extends Rendered {
  template: string;
}

let samples: Sample[];
let applicant: { firstName: string; url: string };
let receipt: Rendered;

beforeAll(() => {
  const output = execFileSync(process.execPath, ['tests/unit/email/render-samples.ts'], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  ({
    applicantSamples: samples,
    applicant,
    receiptWithPage: receipt,
  } = JSON.parse(output) as {
    applicantSamples: Sample[];
    applicant: typeof applicant;
    receiptWithPage: Rendered;
  });
});

describe('the applicant’s e-mails', () => {
  it('are one of each template, Norwegian HTML with one h1, and no tables or scripts', () => {
    expect(samples.map((s) => s.template)).toEqual([
      'applicant_link',
      'applicant_email_confirm',
      'status_conversation_scheduled',
      'status_home_visit',
      'status_approved',
      'status_declined',
      'status_withdrawn',
    ]);
    for (const { html } of samples) {
      expect(html).toMatch(/^<!doctype html>\n<html lang="nb" dir="ltr">/);
      expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
      expect(html).not.toMatch(/<table|<style|<script|<!--/i);
    }
  });

  it('greet by first name, carry the link, and hold neither the reference nor the surname', () => {
    for (const { html, text, subject } of samples) {
      expect(text).toContain(`Hei, ${applicant.firstName}.`);
      expect(html).toContain(`href="${applicant.url}"`);
      expect(text).toContain(applicant.url);
      for (const part of [html, text, subject]) {
        expect(part).not.toContain('BH-7K3M-Q9XD');
        expect(part).not.toContain('Nordmann');
      }
    }
    const link = samples.find((s) => s.template === 'applicant_link')!;
    expect(link.text).toContain('15 minutter');
    expect(samples.find((s) => s.template === 'applicant_email_confirm')!.text).toContain(
      '24 timer',
    );
  });
});

describe('the receipt', () => {
  it('links to Min søknad and says what the page offers', () => {
    expect(receipt.html).toContain('href="https://fosterhjem.eksempel.invalid/min-soknad/"');
    expect(receipt.text).toContain('Min søknad');
    expect(receipt.text).toMatch(/trekke søknaden/);
    expect(receipt.text).toMatch(/laste ned svarene dine/);
  });
});
