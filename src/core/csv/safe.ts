/** A value a spreadsheet would run as a formula gets a leading `'` (OWASP's CSV-injection advice). */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A long number Excel turned into scientific notation (`7.02255E+12`): its digits are lost. */
export const EXCEL_SCIENTIFIC = /^-?\d(\.\d+)?E\+\d{2,}$/i;
