/**
 * The archive copy's fonts: Noto Sans (SIL Open Font License 1.1) from the npm package
 * @fontsource/noto-sans, embedded in every PDF as PDF/A requires. Fontsource splits the font by
 * script (Latin, Latin Extended, Cyrillic, Greek), so a text is written in runs, each in the first
 * file that has glyphs for it; a character no file has is written as U+FFFD, never as the
 * .notdef glyph PDF/A forbids (the history's arrow is written "->").
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';

export type Weight = 'regular' | 'bold';

const SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'greek'] as const;
const FILE_WEIGHT: Record<Weight, string> = { regular: '400', bold: '700' };
/** Shown in place of a character none of the fonts can draw. */
const REPLACEMENT = '\uFFFD';
/** Plain stand-ins for characters the workspace's texts use that the fonts lack (the history's arrow). */
const STAND_INS: Record<string, string> = { '\u2192': '->', '\u2190': '<-' };

interface LoadedFont {
  /** The name the PDF document registers it under. */
  name: string;
  font: fontkit.Font;
}

/**
 * A WOFF file as the plain TrueType (sfnt) file it wraps, its tables inflated once. fontkit reads
 * WOFF too, but inflates a table again on every read, which made one case's PDF take a second.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  const count = woff.readUInt16BE(12);
  const tables = Array.from({ length: count }, (_, i) => {
    const at = 44 + i * 20;
    const [offset, compressed, length] = [4, 8, 12].map((o) => woff.readUInt32BE(at + o));
    const stored = woff.subarray(offset!, offset! + compressed!);
    return {
      tag: woff.subarray(at, at + 4),
      checksum: woff.readUInt32BE(at + 16),
      data: compressed! < length! ? inflateSync(stored) : stored,
    };
  });
  const power = 2 ** Math.floor(Math.log2(count));
  const header = Buffer.alloc(12 + 16 * count);
  header.writeUInt32BE(woff.readUInt32BE(4), 0); // the sfnt version (TrueType or CFF)
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(count * 16 - power * 16, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tables.forEach((table, i) => {
    table.tag.copy(header, 12 + i * 16);
    header.writeUInt32BE(table.checksum, 12 + i * 16 + 4);
    header.writeUInt32BE(offset, 12 + i * 16 + 8);
    header.writeUInt32BE(table.data.length, 12 + i * 16 + 12);
    const padded = Buffer.alloc(Math.ceil(table.data.length / 4) * 4);
    table.data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}

let loaded: Record<Weight, LoadedFont[]> | undefined;

/** The font files, read and parsed once per process (resolved through the package, not a path). */
function fonts(): Record<Weight, LoadedFont[]> {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const load = (weight: Weight) =>
    SUBSETS.map((subset) => {
      const path = require.resolve(
        `@fontsource/noto-sans/files/noto-sans-${subset}-${FILE_WEIGHT[weight]}-normal.woff`,
      );
      const font = fontkit.create(woffToSfnt(readFileSync(path))) as fontkit.Font;
      return { name: `${weight}-${subset}`, font };
    });
  loaded = { regular: load('regular'), bold: load('bold') };
  return loaded;
}

/**
 * Every font, parsed once and shared by all documents (pdfkit takes a parsed fontkit font), for
 * the document to register by name.
 */
export function fontFiles(): { name: string; font: fontkit.Font }[] {
  const all = fonts();
  return [...all.regular, ...all.bold];
}

/** The default font (the document's first, so that pdfkit never loads a standard font). */
export function defaultFont(): fontkit.Font {
  return fonts().regular[0]!.font;
}

export interface Run {
  font: string;
  text: string;
}

/**
 * `text` as runs of one font each, for the weight: each character in the first font that has it.
 * Whitespace stays in the run it is in, so a line wraps at the same places as in one font.
 */
export function runs(text: string, weight: Weight): Run[] {
  const files = fonts()[weight];
  const result: Run[] = [];
  const plain = text.normalize('NFC').replace(/[\u2190\u2192]/g, (c) => STAND_INS[c] ?? c);
  for (const char of plain) {
    const code = char.codePointAt(0) ?? 0;
    const previous = result.at(-1);
    // Whitespace (also a line break) is laid out, not drawn: it joins the run it is in.
    if (/\s/.test(char)) {
      if (previous) previous.text += char;
      else result.push({ font: files[0]!.name, text: char });
      continue;
    }
    const file = files.find((f) => f.font.hasGlyphForCodePoint(code));
    const font = file?.name ?? files[0]!.name;
    const shown = file ? char : REPLACEMENT;
    if (previous?.font === font) previous.text += shown;
    else result.push({ font, text: shown });
  }
  return result;
}
