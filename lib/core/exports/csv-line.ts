/** Excel opens a UTF-8 file as UTF-8 only when it starts with the byte order mark. */
export const CSV_BOM = "\uFEFF";
/** French Excel splits columns on semicolons (the comma is the decimal separator). */
export const CSV_SEPARATOR = ";";

/** A value a spreadsheet would run as a formula (=, +, -, @, tab, CR) is kept as text by a leading apostrophe. */
function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV record: fields quoted when they hold a separator, a quote or a line break; CRLF at the end. */
export function csvLine(values: readonly string[]): string {
  return values.map((raw) => {
    const value = neutralizeFormula(raw);
    return /[";\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  }).join(CSV_SEPARATOR) + "\r\n";
}
