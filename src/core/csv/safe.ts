/** A value a spreadsheet would run as a formula gets a leading `'` (OWASP's CSV-injection advice). */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
