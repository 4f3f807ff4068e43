/**
 * The bulk export: a ZIP streamed to the browser (fflate) with, per ended case, a folder named by
 * its reference holding the archive copy and its Noark 5 arkivmelding. The next case is read and
 * rendered only when the browser has taken what came before (the stream's pull), so memory stays
 * flat however many cases there are. File names carry the reference, never a name.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { casePdf, type ArchiveCase, type Issuer } from './case-pdf.ts';
import { arkivmelding } from './noark.ts';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  /** Already compressed (a PDF): stored as it is. */
  stored?: boolean;
}

/** The archive copy's file name for a case: `arkivkopi-BH-ABCD-EFGH.pdf`. */
export function pdfFileName(reference: string): string {
  return `arkivkopi-${reference}.pdf`;
}

/** The ZIP's entries for `cases`: per case its PDF, then its arkivmelding.xml, each made on demand. */
export async function* archiveEntries(
  cases: AsyncIterable<ArchiveCase>,
  issuer: Issuer,
  made: { at: Date; by: string },
): AsyncGenerator<ZipEntry> {
  for await (const found of cases) {
    const { reference } = found.application;
    const pdf = pdfFileName(reference);
    yield { name: `${reference}/${pdf}`, data: await casePdf(found, issuer, made), stored: true };
    const metadata = arkivmelding(found.application, pdf, made.at);
    yield { name: `${reference}/arkivmelding.xml`, data: new TextEncoder().encode(metadata) };
  }
}

/**
 * A ZIP of `entries` as a web stream. Each pull adds one entry; the stream asks for the next only
 * when its queue is below one chunk, so an entry is made only as fast as the reader reads. A
 * failure mid-way errors the stream (the download fails), and a reader that cancels stops it.
 */
export function zipStream(
  entries: AsyncIterator<ZipEntry>,
  onError: (error: unknown) => void = () => undefined,
): ReadableStream<Uint8Array> {
  let zip: Zip;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        zip = new Zip((error, chunk, final) => {
          if (error) return controller.error(error);
          controller.enqueue(chunk);
          if (final) controller.close();
        });
      },
      async pull(controller) {
        try {
          const next = await entries.next();
          if (next.done) return zip.end();
          const { name, data, stored } = next.value;
          const file = stored ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
          zip.add(file);
          file.push(data, true);
        } catch (error) {
          onError(error);
          controller.error(error);
        }
      },
      async cancel() {
        zip.terminate();
        await entries.return?.(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
