/**
 * The records of a whole text that is not one table: report downloads (GA4, Mailchimp, Klaviyo)
 * with a preamble, key/value lines, several tables and `#` comment lines. Read by the one tokenizer
 * in the whole-file reader's dialect (comma; LF, CRLF and lone CR end records), one record at a time,
 * so that a comment line is passed over whatever its quotes and a broken record spoils only itself.
 */
import { CsvSyntaxError, CsvTokenizer, type CsvSyntax } from './tokenizer.js';

export interface TextRecord {
  /** The 1-based physical line the record starts on. */
  line: number;
  /** Its text without its line break (several lines when a quoted cell holds line breaks). */
  raw: string;
  /** Its cells; absent for a `#` comment line and for a record whose quoting is broken. */
  cells?: string[];
  /** Why the record is not CSV, when it is not. */
  broken?: CsvSyntax;
}

const HASH = 0x23;

/**
 * Splits a whole text into records. Blank lines are records with raw '' (trailing ones are dropped).
 * With `comments`, a line starting with `#` where a record would start is one record, raw as written.
 * A record with text after a closing quote runs to the end of that line; reading goes on after it.
 * A quoted cell never closed makes the rest of the text one broken record.
 */
export function readTextRecords(text: string, comments = false): TextRecord[] {
  const t = CsvTokenizer.whole(text, { delimiter: ',', loneCr: true, line: 1 });
  if (text.charCodeAt(0) === 0xfeff) t.seek(1, 1);
  const out: TextRecord[] = [];
  const take = (cells: string[], line: number, raw: string): void => void out.push({ line, raw, cells });
  while (t.offset < text.length) {
    const { offset: at, nextLine: line } = t;
    if (comments && text.charCodeAt(at) === HASH) {
      const [end, next] = lineEnd(text, at);
      out.push({ line, raw: text.slice(at, end) });
      t.seek(next, line + 1);
      continue;
    }
    try {
      t.step(take);
    } catch (err) {
      if (!(err instanceof CsvSyntaxError)) throw err;
      if (err.syntax === 'quote-not-closed') {
        out.push({ line, raw: text.slice(at), broken: err.syntax });
        break;
      }
      let [end, next] = lineEnd(text, at);
      for (let l = line; l < err.line; l++) [end, next] = lineEnd(text, next);
      out.push({ line, raw: text.slice(at, end), broken: err.syntax });
      t.seek(next, err.line + 1);
    }
  }
  while (out.length > 0 && out[out.length - 1]!.raw.trim() === '') out.pop();
  return out;
}

/** The cells of one record's text (its first record), or the tokenizer's CsvSyntaxError. */
export function recordCells(raw: string): string[] {
  let found: string[] = [];
  CsvTokenizer.whole(raw, { delimiter: ',', loneCr: true, line: 1 }).step((cells) => void (found = cells));
  return found;
}

/** Where the physical line at `from` ends, and where the next one starts. */
function lineEnd(text: string, from: number): [number, number] {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) return [i, i + 1];
    if (c === 0x0d) return [i, text.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1];
  }
  return [text.length, text.length];
}
