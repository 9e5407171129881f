/**
 * The common renderer: one pass over the rows writes the CSV as they come and sums them up for the HTML; both
 * files are written under temporary names and renamed into place only when both are complete.
 */
import { basename } from 'node:path';
import { AtomicTextFile } from '../../src-node/atomic-file';
import { csvFields, csvHeader, csvRecord } from './csv';
import { FileTreeAccumulator, type SummaryLimits } from './file-tree-summary';
import { renderHtml } from './html';
import type { HtmlLimits } from './html-files';
import type { HandoverModel, HandoverRow } from './model';

declare const __WRANGLE_VERSION__: string | undefined;

/** Where the two files go. */
export interface HandoverOutput {
  html: string;
  csv: string;
}

export interface HandoverOptions {
  /** The Wrangle version printed in the report; the build's version by default ("dev" unbuilt). */
  version?: string;
  /** When the report was made; now by default. */
  generatedAt?: Date;
  /** IANA time zone the times are shown in ("UTC", "Europe/London"); the machine's by default. */
  timeZone?: string;
  /** Caps on memory and on what the HTML lists (the CSV always has every row). */
  limits?: Partial<SummaryLimits> & Partial<HtmlLimits>;
}

/** The build's version, or "dev" when running from source. */
export function wrangleVersion(): string {
  return typeof __WRANGLE_VERSION__ === 'string' ? __WRANGLE_VERSION__ : 'dev';
}

/**
 * Writes the HTML and CSV for `model` and its `rows` (streamed once, never gathered). Throws (leaving neither
 * temporary file behind) when a row source or the disk fails; the previous reports of those names, if any,
 * stay as they were.
 */
export async function renderHandover(
  model: HandoverModel,
  rows: AsyncIterable<HandoverRow> | Iterable<HandoverRow>,
  out: HandoverOutput,
  options: HandoverOptions = {},
): Promise<void> {
  const csv = await AtomicTextFile.create(out.csv);
  let html: AtomicTextFile | null = null;
  try {
    const tree = new FileTreeAccumulator(model.destinations.length, options.limits);
    await csv.write(csvRecord(csvHeader(model)));
    for await (const row of rows) {
      await csv.write(csvRecord(csvFields(model, row)));
      tree.add(row);
    }
    await csv.complete();
    html = await AtomicTextFile.create(out.html);
    await html.write(
      renderHtml({
        model,
        tree: tree.finish(),
        version: options.version ?? wrangleVersion(),
        generatedAt: options.generatedAt ?? new Date(),
        ...(options.timeZone !== undefined ? { timeZone: options.timeZone } : {}),
        ...(options.limits ? { limits: options.limits } : {}),
        csvName: basename(out.csv),
      }),
    );
    await html.complete();
    await csv.publish();
    await html.publish();
  } catch (error) {
    await csv.discard();
    await html?.discard();
    throw error;
  }
}
