/**
 * The text an owner edits for one review item, and reading it back. One field: its text as is.
 * Several: each under a "=== name ===" line. Pure: the editor itself is the CLI's.
 */

// Trailing spaces after a marker are an editor's, not the owner's.
const MARK = /^=== (\w+) ===[ \t]*$/;

export interface EditText {
  text: string;
  /** The file extension the editor gets, so it can highlight: .html for a single HTML field. */
  ext: '.html' | '.txt';
}

/** What the editor shows for `fields` (always ending in a newline). */
export function formatEdit(fields: Record<string, string>): EditText {
  const names = Object.keys(fields);
  const single = names.length === 1;
  const text = single ? fields[names[0]!]! : names.map((k) => `=== ${k} ===\n${fields[k]}`).join('\n\n');
  return { text: text.endsWith('\n') ? text : `${text}\n`, ext: single && names[0]!.endsWith('html') ? '.html' : '.txt' };
}

/**
 * The fields in `saved`, the text the editor gave back for an item with the fields `names`.
 * Trailing blank lines of each field are dropped (editors add one); text before the first marker
 * is dropped; a field whose marker was deleted is missing from the result. Line endings come back
 * as LF whatever the editor saved (Notepad and some Windows editors write CRLF).
 */
export function parseEdit(savedText: string, names: readonly string[]): Record<string, string> {
  const saved = savedText.replace(/\r\n?/g, '\n');
  const fields: Record<string, string> = {};
  if (names.length === 1) {
    fields[names[0]!] = saved.replace(/\n+$/, '');
    return fields;
  }
  let current: string | undefined;
  for (const line of saved.split('\n')) {
    const m = MARK.exec(line);
    if (m) current = m[1];
    else if (current) fields[current] = fields[current] === undefined ? line : `${fields[current]}\n${line}`;
  }
  for (const k of Object.keys(fields)) fields[k] = fields[k]!.replace(/\n+$/, '');
  return fields;
}

/**
 * The fields of `parsed` that the owner changed. parseEdit gives LF line endings back, so a field
 * stored with CRLF (a model's reply, a pasted text) and saved untouched does not count as edited.
 */
export function editedFields(parsed: Record<string, string>, original: Record<string, string>): Record<string, string> {
  const lf = (s: string | undefined): string | undefined => s?.replace(/\r\n?/g, '\n');
  return Object.fromEntries(Object.entries(parsed).filter(([k, v]) => v !== lf(original[k])));
}
