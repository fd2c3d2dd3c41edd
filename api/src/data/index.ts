/** Parsers for data plugins read from user files (as Obsidian's API offers parseYaml): well-kept libraries, bundled. */
// The browser build carries its own Buffer shim: plugin workers have no Node globals.
import { parse } from 'csv-parse/browser/esm/sync';

/** Rows of a CSV text with a header line, as objects keyed by the header; BOM, quotes and blank lines handled. */
export function parseCsv(text: string): Record<string, string>[] {
  return parse(text, { columns: true, skip_empty_lines: true, bom: true, trim: true, relax_column_count: true }) as Record<string, string>[];
}
