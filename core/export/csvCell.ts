// One CSV cell as export writes it: RFC 4180 quoting, and no cell a spreadsheet would run.
//
// A spreadsheet (Excel, LibreOffice Calc, Google Sheets) evaluates a cell whose text starts with
// =, +, -, @, tab, carriage return or line feed as a formula (=HYPERLINK(...), +cmd|..., @SUM(...)),
// quoted or not. Per OWASP's CSV Injection guidance (https://owasp.org/www-community/attacks/CSV_Injection)
// such a cell is prefixed with a single quote, which the spreadsheet shows as text, and the cell is
// wrapped in double quotes with its double quotes doubled. Numbers and booleans are written as they
// are: a negative number (-0.5) is a value, never a formula; a string "-0.5" from a dataset is prefixed.

/** The characters that make a spreadsheet read a cell as a formula when they come first. */
const FORMULA_START = /^[=+\-@\t\r\n]/;

export function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  if (FORMULA_START.test(text)) return `"'${text.replace(/"/g, '""')}"`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
