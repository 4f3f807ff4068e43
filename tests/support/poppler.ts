/**
 * Reads a PDF with Debian's poppler-utils (`pdfinfo`, `pdffonts`, `pdftotext`), as an archive's
 * own checks would: its XMP metadata, whether it is tagged, its fonts and its text.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PdfReport {
  info: string;
  /** The XMP metadata stream (`pdfinfo -meta`). */
  meta: string;
  /** `pdffonts`' rows: the font's name and its "emb" column. */
  fonts: { name: string; embedded: boolean }[];
  /** The text, every run of whitespace as one space. */
  text: string;
}

export function readPdf(bytes: Uint8Array): PdfReport {
  const dir = mkdtempSync(path.join(tmpdir(), 'pdf-'));
  const file = path.join(dir, 'copy.pdf');
  try {
    writeFileSync(file, bytes);
    const run = (cmd: string, ...args: string[]) =>
      execFileSync(cmd, [...args, file, ...(cmd === 'pdftotext' ? ['-'] : [])], {
        encoding: 'utf8',
      });
    const fontLines = run('pdffonts').split('\n').slice(2).filter(Boolean);
    return {
      info: run('pdfinfo'),
      meta: run('pdfinfo', '-meta'),
      // Columns: name, type (may hold spaces), encoding, emb, sub, uni, object, id; read from the end.
      fonts: fontLines.map((line) => {
        const cols = line.trim().split(/\s+/);
        return { name: cols[0] ?? '', embedded: cols.at(-5) === 'yes' };
      }),
      text: run('pdftotext', '-enc', 'UTF-8').replace(/\s+/g, ' '),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `text` with every run of whitespace as one space, to compare with a report's text. */
export const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
