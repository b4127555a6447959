export type Delimiter = ',' | ';' | '\t';

const C_QUOTE = 34;
const C_LF = 10;
const C_CR = 13;
const C_SPACE = 32;

/**
 * Picks the delimiter that occurs most often (outside quotes) in the first line: `,` unless the file is
 * clearly `;`- or tab-separated, as spreadsheet exports in some locales are.
 */
export function detectDelimiter(text: string): Delimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === C_LF) count++;
    else if (c === C_CR && text.charCodeAt(i + 1) !== C_LF) count++;
  }
  return count;
}

/**
 * Pull-style CSV reader: RFC 4180 quoting with `""` escapes, LF / CRLF / CR line ends.
 *
 * A class with one call per record rather than a callback-driven loop on purpose: V8 sometimes
 * on-stack-replaces a long tokenizing loop into code that is ~200x slower; short per-record calls
 * stay on the normal optimized path.
 */
export class CsvRecordReader {
  private i = 0;
  private line = 1;
  // Positions of the next `"`, CR and LF at or after the cursor (-1: none left). Cached so that no
  // search ever rescans the rest of a file that lacks the character.
  private nextQuote: number;
  private nextCr: number;
  private nextLf: number;
  private readonly delim: number;

  constructor(
    private readonly text: string,
    private readonly delimiter: Delimiter,
  ) {
    this.delim = delimiter.charCodeAt(0);
    this.nextQuote = text.indexOf('"');
    this.nextCr = text.indexOf('\r');
    this.nextLf = text.indexOf('\n');
  }

  /**
   * Fills `fields` with the next record and returns the 1-based line it starts on, or -1 at the end.
   * Blank lines come back as `['']`; the caller decides what they mean.
   */
  next(fields: string[]): number {
    const text = this.text;
    const i = this.i;
    if (i >= text.length) return -1;
    if (this.nextQuote !== -1 && this.nextQuote < i) this.nextQuote = text.indexOf('"', i);
    if (this.nextCr !== -1 && this.nextCr < i) this.nextCr = text.indexOf('\r', i);
    if (this.nextLf !== -1 && this.nextLf < i) this.nextLf = text.indexOf('\n', i);
    const lineEnd = this.nextLf === -1 ? text.length : this.nextLf;
    const contentEnd = this.nextCr !== -1 && this.nextCr === lineEnd - 1 ? lineEnd - 1 : lineEnd;
    const quoted = this.nextQuote !== -1 && this.nextQuote < lineEnd;
    const strayCr = this.nextCr !== -1 && this.nextCr < contentEnd;
    return quoted || strayCr ? this.readGeneral(fields) : this.readSimple(fields, i, lineEnd, contentEnd);
  }

  /** A line without quotes: split with indexOf, far quicker than visiting every character in JS. */
  private readSimple(fields: string[], start: number, lineEnd: number, contentEnd: number): number {
    const text = this.text;
    let count = 0;
    let p = start;
    for (;;) {
      let q = text.indexOf(this.delimiter, p);
      if (q === -1 || q > contentEnd) q = contentEnd;
      fields[count++] = text.slice(p, q);
      if (q === contentEnd) break;
      p = q + 1;
    }
    fields.length = count;
    this.i = lineEnd + 1;
    return this.line++;
  }

  private hasLineBreak(from: number, to: number): boolean {
    const text = this.text;
    if (this.nextLf !== -1 && this.nextLf < from) this.nextLf = text.indexOf('\n', from);
    if (this.nextCr !== -1 && this.nextCr < from) this.nextCr = text.indexOf('\r', from);
    return (this.nextLf !== -1 && this.nextLf < to) || (this.nextCr !== -1 && this.nextCr < to);
  }

  private readGeneral(fields: string[]): number {
    const text = this.text;
    const length = text.length;
    const delim = this.delim;
    const recordLine = this.line;
    let i = this.i;
    fields.length = 0;

    for (;;) {
      // Blanks before an opening quote do not make the field unquoted (`a, "1,234"`).
      let j = i;
      while (j < length && text.charCodeAt(j) === C_SPACE) j++;

      if (j < length && text.charCodeAt(j) === C_QUOTE) {
        let value = '';
        let k = j + 1;
        for (;;) {
          const close = text.indexOf('"', k);
          if (close === -1) {
            // Unterminated quote: the rest of the input is the field.
            value += text.slice(k);
            this.line += countLineBreaks(text, k, length);
            k = length;
            break;
          }
          value = value === '' ? text.slice(k, close) : value + text.slice(k, close);
          if (this.hasLineBreak(k, close)) this.line += countLineBreaks(text, k, close);
          if (text.charCodeAt(close + 1) === C_QUOTE) {
            value += '"';
            k = close + 2;
          } else {
            k = close + 1;
            break;
          }
        }
        // Anything between the closing quote and the delimiter (normally nothing or blanks) is kept.
        let m = k;
        while (m < length) {
          const c = text.charCodeAt(m);
          if (c === delim || c === C_LF || c === C_CR) break;
          m++;
        }
        if (m > k) value += text.slice(k, m).trimEnd();
        fields.push(value);
        i = m;
      } else {
        let m = i;
        while (m < length) {
          const c = text.charCodeAt(m);
          if (c === delim || c === C_LF || c === C_CR) break;
          m++;
        }
        fields.push(text.slice(i, m));
        i = m;
      }

      if (i >= length) break;
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        if (i >= length) {
          fields.push('');
          break;
        }
      } else {
        i += c === C_CR && text.charCodeAt(i + 1) === C_LF ? 2 : 1;
        this.line++;
        break;
      }
    }
    this.i = i;
    return recordLine;
  }
}

/** Reads all records (copies of the fields) with their line numbers; convenient for small inputs and tests. */
export function readCsvRecords(
  text: string,
  delimiter: Delimiter = detectDelimiter(text),
): { line: number; fields: string[] }[] {
  const reader = new CsvRecordReader(text, delimiter);
  const records: { line: number; fields: string[] }[] = [];
  const fields: string[] = [];
  for (let line = reader.next(fields); line !== -1; line = reader.next(fields))
    records.push({ line, fields: [...fields] });
  return records;
}
