import type { InputWarning } from '../errors.js';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** A CSV file decoded and split into cells, with the facts needed to write it back as it was. */
export interface CsvTable {
  /** The path as the user typed it; used in every message. */
  file: string;
  encoding: CsvEncoding;
  bom: boolean;
  delimiter: ',' | ';' | '\t';
  /** '\r\n' or '\n', the first line ending seen. */
  eol: '\r\n' | '\n';
  /** Header cells, BOM stripped, as written (not trimmed). */
  header: string[];
  /** Data rows. `line` is the 1-based physical line where the record starts. Blank lines are skipped. */
  rows: CsvRow[];
  warnings: InputWarning[];
}

export interface CsvRow {
  line: number;
  cells: string[];
  /**
   * The record's text as decoded, without its line break (the streaming reader sets it): read with
   * the same delimiter and lone-CR rule it gives back these cells (and any empty cells past the
   * header that the reader dropped), so it fingerprints them cheaply.
   */
  raw?: string;
}

/** What detection looks at: the header of a plain table, and the first lines as text for files with a preamble. */
export interface Probe {
  file: string;
  /** Header cells of the first non-comment, non-blank line; BOM stripped. */
  header: string[];
  /** The first (up to 40) lines of the decoded text, as written. */
  firstLines: string[];
}
