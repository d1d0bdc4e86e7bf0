// CSV as spreadsheets write it (RFC 4180): comma-separated, fields with commas, quotes or line
// breaks in double quotes, a doubled quote for a quote. Used for the staff directory, the CMDB and
// the service reports' tables.
import { DomainError } from './errors.js';

export interface CsvRow {
  /** The line the row starts on, for error messages. */
  readonly line: number;
  readonly fields: readonly string[];
}

/** The rows of a CSV text; blank lines are skipped, a byte-order mark and \r\n line ends are accepted. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const source = text.replace(/^\uFEFF/, '');
  const endRow = () => {
    row.push(field);
    if (row.some((value) => value.trim() !== '')) rows.push({ line: rowLine, fields: row });
    row = [];
    field = '';
    rowLine = line + 1;
  };
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index];
    if (quoted) {
      if (char === '"' && source[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
      if (char === '\n') line += 1;
      continue;
    }
    if (char === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      endRow();
      line += 1;
    } else if (char !== '\r') field += char;
  }
  if (quoted) throw new DomainError('invalid_input', { field: 'csv', line });
  endRow();
  return rows;
}

/** Rows as records keyed by the header row's names (trimmed, lower-case); each with its line number. */
export function csvRecords(text: string): { header: string[]; records: { line: number; values: Record<string, string> }[] } {
  const [header, ...rows] = parseCsv(text);
  const names = (header?.fields ?? []).map((name) => name.trim().toLowerCase());
  return {
    header: names,
    records: rows.map((row) => ({
      line: row.line,
      values: Object.fromEntries(names.map((name, column) => [name, (row.fields[column] ?? '').trim()])),
    })),
  };
}

/** One field, in double quotes when it holds a comma, a quote or a line break, or starts or ends with a space. */
export function formatCsvField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A CSV text of these rows (the header row first), each line ended by `lineEnd`. */
export function formatCsv(rows: readonly (readonly string[])[], lineEnd: '\n' | '\r\n' = '\n'): string {
  return rows.map((row) => row.map(formatCsvField).join(',') + lineEnd).join('');
}
