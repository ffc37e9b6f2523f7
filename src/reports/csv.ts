// CSV as RFC 4180 describes it (a header row, CRLF line ends, a field quoted
// when it holds a comma, quote or line break, quotes doubled), in UTF-8, with
// one defence it does not: a text cell that a spreadsheet would run as a
// formula (starting with =, +, -, @, a tab or a carriage return) is prefixed
// with ' so it is shown as the text it is.

export type Cell = string | number | boolean | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = FORMULA.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvRow = (cells: Cell[]) => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * A CSV body that reads its rows a batch at a time, only when the client is
 * ready for more: however many rows, it holds one batch in memory.
 */
export function csvStream<R>(header: string[], nextBatch: (after: R | undefined) => Promise<R[]>, toCells: (row: R) => Cell[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let last: R | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvRow(header)));
        return;
      }
      const rows = await nextBatch(last);
      if (rows.length === 0) {
        controller.close();
        return;
      }
      last = rows[rows.length - 1];
      controller.enqueue(encoder.encode(rows.map((row) => csvRow(toCells(row))).join('')));
    },
  }, { highWaterMark: 1 });
}
