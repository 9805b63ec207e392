// Tab-separated text as spreadsheets put it on the clipboard (Excel, LibreOffice,
// Google Sheets), read into rows of cells and written back. Pure text functions: what
// the cells mean (header, columns, values) is the core's decision (`pasteSheet`).
//
// Reading follows what those programs write: cells split by tabs, rows by CRLF, LF or
// CR; a cell that starts with a double quote runs to the closing quote and may hold
// tabs, line breaks and doubled quotes; a quote elsewhere is plain text. The line
// break after the last row and columns left empty in every row at the right edge (a
// selection wider than its data) are dropped.

/** The largest clipboard text a paste reads, in UTF-8 bytes. */
export const MAX_PASTE_BYTES = 10 * 1024 * 1024;

export type TsvProblem = { kind: 'tooLarge' | 'notTabular'; message: string };

export type TsvRead = { grid: string[][] } | { problem: TsvProblem };

function utf8Length(text: string): number {
  // Every UTF-16 unit is at most 3 UTF-8 bytes: only count when it may matter.
  if (text.length * 3 <= MAX_PASTE_BYTES) return text.length;
  return new TextEncoder().encode(text).length;
}

// Control characters other than tab and line breaks mean binary data, not a table.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
const BINARY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/** Reads clipboard text into rows of cells, or says why it cannot be a table. */
export function parseTsv(text: string): TsvRead {
  const bytes = utf8Length(text);
  if (bytes > MAX_PASTE_BYTES) {
    const mb = (bytes / (1024 * 1024)).toFixed(1);
    return { problem: { kind: 'tooLarge', message: `The clipboard holds ${mb} MB; a paste takes at most 10 MB.` } };
  }
  if (text.trim() === '') return { problem: { kind: 'notTabular', message: 'The clipboard holds no text to paste.' } };
  if (BINARY.test(text)) {
    return { problem: { kind: 'notTabular', message: 'The clipboard holds binary data, not rows of text.' } };
  }
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    let cell = '';
    if (text[i] === '"') {
      const start = rows.length + 1;
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) {
          return {
            problem: { kind: 'notTabular', message: `Row ${start}: a quoted cell is never closed.` },
          };
        }
        cell += text.slice(i, quote);
        if (text[quote + 1] === '"') {
          cell += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
    }
    // Plain text up to the next tab or line break (after a closing quote, too).
    let end = i;
    while (end < n && text[end] !== '\t' && text[end] !== '\n' && text[end] !== '\r') end += 1;
    cell += text.slice(i, end);
    row.push(cell);
    i = end;
    if (i >= n) {
      rows.push(row);
      break;
    }
    if (text[i] === '\t') {
      i += 1;
      continue;
    }
    // A line break: CRLF counts once.
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    rows.push(row);
    row = [];
    if (i >= n) break;
  }
  // A final line break leaves no row behind it; trailing blank rows are no data.
  while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c === '')) rows.pop();
  const width = rows.reduce((w, r) => {
    let last = r.length;
    while (last > 0 && r[last - 1] === '') last -= 1;
    return Math.max(w, last);
  }, 0);
  return { grid: rows.map((r) => (r.length > width ? r.slice(0, width) : r)) };
}

function quoted(cell: string): string {
  if (!/[\t\n\r"]/.test(cell)) return cell;
  // Spreadsheets quote only cells that need it; a quote inside one is doubled.
  if (!/[\t\n\r]/.test(cell) && !cell.startsWith('"')) return cell;
  return `"${cell.replaceAll('"', '""')}"`;
}

/** Writes rows of cells as tab-separated text that spreadsheets paste cell by cell. */
export function formatTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(quoted).join('\t')).join('\n');
}
