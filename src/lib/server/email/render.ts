/**
 * Renders one message to what Resend needs: subject, HTML (Svelte components rendered on the
 * server with `svelte/server`) and a plain-text part from the same content.
 */
import { render } from 'svelte/server';
import type { Profile } from '../../../schemas/profile.ts';
import { emailContent, type EmailContent, type EmailFacts } from './content.ts';
import EmailMessage from './templates/EmailMessage.svelte';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The HTML document around the rendered body (Svelte renders components, not documents). */
export function htmlDocument(subject: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="nb" dir="ltr">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${escapeHtml(subject)}</title>`,
    '</head>',
    '<body style="margin:0;padding:0;background-color:#f3f4f6;">',
    body,
    '</body>',
    '</html>',
  ].join('\n');
}

/** The plain-text part: the same content, with link targets written out. */
export function plainText(content: EmailContent): string {
  const lines: string[] = [content.sender, '', content.heading, '='.repeat(content.heading.length)];
  for (const paragraph of content.intro) lines.push('', paragraph);
  if (content.action) lines.push('', `${content.action.text}:`, content.action.href);
  if (content.facts.length > 0) lines.push('');
  for (const fact of content.facts) lines.push(`${fact.label}: ${fact.value}`);
  for (const section of content.sections) {
    lines.push('', section.heading, '-'.repeat(section.heading.length));
    for (const paragraph of section.paragraphs) lines.push('', paragraph);
    if (section.steps?.length) {
      lines.push('');
      section.steps.forEach((step, i) => lines.push(`${i + 1}. ${step}`));
    }
    for (const link of section.links ?? []) lines.push('', `${link.text}: ${link.href}`);
  }
  if (content.contact) {
    const { heading, intro } = content.contact;
    lines.push('', heading, '-'.repeat(heading.length), '', intro, '');
    for (const line of content.contact.lines) {
      // A web link's text names the place; the plain-text part also needs the address.
      const web = line.href?.startsWith('https:') ? ` (${line.href})` : '';
      lines.push(`${line.label}: ${line.text}${web}`);
    }
  }
  lines.push('', '--');
  for (const paragraph of content.footer) lines.push(paragraph);
  return `${lines.join('\n')}\n`;
}

/** Subject, HTML and text of one message. */
export function renderEmail(facts: EmailFacts, profile: Profile): RenderedEmail {
  const content = emailContent(facts, profile);
  const { body } = render(EmailMessage, { props: { content } });
  // Svelte marks hydration boundaries with comments; an e-mail is never hydrated.
  const html = htmlDocument(content.subject, body.replace(/<!--[\s\S]*?-->/g, ''));
  return { subject: content.subject, html, text: plainText(content) };
}
