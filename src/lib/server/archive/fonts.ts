/**
 * The archive copy's fonts: Noto Sans (SIL Open Font License 1.1) from the npm package
 * @fontsource/noto-sans, embedded in every PDF as PDF/A requires. Fontsource splits the font by
 * script (Latin, Latin Extended, Cyrillic, Greek), so a text is written in runs, each in the first
 * file that has glyphs for it; a character no file has is written as U+FFFD, never as the
 * .notdef glyph PDF/A forbids (the history's arrow is written "->").
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
  path: string;
  font: fontkit.Font;
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
      const font = fontkit.create(readFileSync(path)) as fontkit.Font;
      return { name: `${weight}-${subset}`, path, font };
    });
  loaded = { regular: load('regular'), bold: load('bold') };
  return loaded;
}

/** Every font file, for the document to register: name and path. */
export function fontFiles(): { name: string; path: string }[] {
  const all = fonts();
  return [...all.regular, ...all.bold].map(({ name, path }) => ({ name, path }));
}

/** The default font's path (the document's first font, so no standard font is ever loaded). */
export function defaultFontPath(): string {
  return fonts().regular[0]!.path;
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
