/**
 * A small writer of tagged PDF/A-2a documents on pdfkit: headings, paragraphs and lists, each
 * drawn and added to the document's structure tree at once, so that every piece of text is in the
 * logical structure (PDF/A level a and screen readers need that) and in reading order. The
 * language is Norwegian bokmål, the title is shown in the viewer's title bar, the fonts are
 * embedded (fonts.ts). Knows nothing of cases: case-pdf.ts decides what is written.
 */
import PDFDocument from 'pdfkit';
import { defaultFont, fontFiles, runs, type Weight } from './fonts.ts';

export interface DocumentInfo {
  title: string;
  subject: string;
  author: string;
  created: Date;
}

type Element = PDFKit.PDFStructureElement;

/** pdfkit 0.20 takes a parsed fontkit font where a file is expected; its types (0.17) do not say so. */
const asSource = (font: unknown) => font as PDFKit.Mixins.PDFFontSource;

const MARGIN = 56;
const SIZES = { 1: 17, 2: 13.5, body: 10.5 } as const;

export class TaggedPdf {
  private readonly doc: PDFKit.PDFDocument;
  private readonly root: Element;
  private readonly chunks: Uint8Array[] = [];
  private readonly done: Promise<Uint8Array>;

  constructor(info: DocumentInfo) {
    this.doc = new PDFDocument({
      subset: 'PDF/A-2a',
      pdfVersion: '1.7',
      tagged: true,
      lang: 'nb-NO',
      displayTitle: true,
      size: 'A4',
      margin: MARGIN,
      // The first font: without it pdfkit would load Helvetica, a standard font it cannot embed.
      font: defaultFont() as unknown as string,
      info: {
        Title: info.title,
        Subject: info.subject,
        Author: info.author,
        Creator: 'Fosterportal',
        CreationDate: info.created,
      },
    });
    for (const { name, font } of fontFiles()) this.doc.registerFont(name, asSource(font));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Uint8Array) => this.chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
  }

  /** Draws `text` as the content of `element` (tag `tag`), in runs of the fonts that have it. */
  private draw(
    element: Element,
    tag: string,
    text: string,
    style: { weight?: Weight; size?: number; indent?: number; gapAfter?: number } = {},
  ): void {
    const { weight = 'regular', size = SIZES.body, indent = 0, gapAfter = 0.25 } = style;
    element.add(this.doc.markStructureContent(tag));
    this.doc.fontSize(size).fillColor('black');
    this.doc.x = MARGIN + indent;
    const width = this.doc.page.width - 2 * MARGIN - indent;
    // A trailing space keeps words apart for text extraction (pdfkit's accessibility advice).
    const parts = runs(`${text} `, weight);
    parts.forEach((run, i) =>
      this.doc.font(run.font).text(run.text, { width, continued: i < parts.length - 1 }),
    );
    this.doc.endMarkedContent();
    this.doc.moveDown(gapAfter);
  }

  /** A heading: level 1 for the document's title, 2 for its sections. */
  heading(level: 1 | 2, text: string): void {
    const tag = `H${level}`;
    const element = this.doc.struct(tag);
    this.root.add(element);
    if (level === 2) this.doc.moveDown(0.6);
    this.draw(element, tag, text, { weight: 'bold', size: SIZES[level], gapAfter: 0.4 });
    element.end();
  }

  paragraph(text: string): void {
    const element = this.doc.struct('P');
    this.root.add(element);
    this.draw(element, 'P', text, { gapAfter: 0.5 });
    element.end();
  }

  /**
   * A list of labelled entries (a question and its answer, a fact and its value): each item's
   * label (Lbl, bold) over its body (LBody, one paragraph per line).
   */
  labelled(items: { label: string; lines: string[] }[]): void {
    const list = this.doc.struct('L');
    this.root.add(list);
    for (const item of items) {
      const entry = this.doc.struct('LI');
      list.add(entry);
      const label = this.doc.struct('Lbl');
      entry.add(label);
      this.draw(label, 'Lbl', item.label, { weight: 'bold', gapAfter: 0.1 });
      label.end();
      this.body(entry, item.lines, 12);
      entry.end();
      this.doc.moveDown(0.3);
    }
    list.end();
  }

  /** A list of entries of one or more lines each (the checklist, the history), first line bold. */
  entries(items: string[][]): void {
    const list = this.doc.struct('L');
    this.root.add(list);
    for (const [first = '', ...rest] of items) {
      const entry = this.doc.struct('LI');
      list.add(entry);
      const body = this.doc.struct('LBody');
      entry.add(body);
      const lead = this.doc.struct('P');
      body.add(lead);
      this.draw(lead, 'P', first, { weight: 'bold', gapAfter: 0.1 });
      lead.end();
      this.paragraphs(body, rest, 12);
      body.end();
      entry.end();
      this.doc.moveDown(0.3);
    }
    list.end();
  }

  private body(entry: Element, lines: string[], indent: number): void {
    const body = this.doc.struct('LBody');
    entry.add(body);
    this.paragraphs(body, lines, indent);
    body.end();
  }

  private paragraphs(parent: Element, lines: string[], indent: number): void {
    for (const line of lines) {
      const p = this.doc.struct('P');
      parent.add(p);
      this.draw(p, 'P', line, { indent, gapAfter: 0.1 });
      p.end();
    }
  }

  /** Ends the document and gives its bytes. */
  async end(): Promise<Uint8Array> {
    this.root.end();
    this.doc.end();
    return this.done;
  }
}
