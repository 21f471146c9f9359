/** A failure the user can fix. Its message is shown as-is, with no stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Where an input problem is, in the words a user reads: `products.csv line 14, column "Variant Price"`. */
export interface Place {
  file: string;
  line?: number;
  column?: string | number;
}

export function placeText(p: Place): string {
  let s = p.file;
  if (p.line !== undefined) s += ` line ${p.line}`;
  if (p.column !== undefined) s += typeof p.column === 'number' ? `, column ${p.column}` : `, column "${p.column}"`;
  return s;
}

/** An input error that names its place. */
export class InputError extends UserError {
  constructor(
    readonly place: Place,
    readonly reason: string,
  ) {
    super(`${placeText(place)}: ${reason}`, 1);
    this.name = 'InputError';
  }
}

/** A non-fatal observation about input (Excel damage, a guessed encoding). */
export interface InputWarning {
  file: string;
  line?: number;
  column?: string;
  message: string;
}

export function warningText(w: InputWarning): string {
  return `${placeText({ file: w.file, line: w.line, column: w.column })}: ${w.message}`;
}
