import { CsvRecordReader, detectDelimiter } from './csv-tokenizer';
import { parseDateTime, parseTimeOfDay, toIsoString, type DateParseOptions } from './date-parsing';
import {
  mapHeader,
  positionalMapping,
  type ColumnMapping,
  type OhlcvField,
  type PriceField,
} from './header-mapping';
import {
  ImportRejectedError,
  MAX_REPORTED_ERRORS,
  MAX_REPORTED_LINES,
  type ImportColumns,
  type ImportProblem,
  type ImportReport,
  type ImportResult,
} from './import-report';
import { isNan } from './hot-path-math';
import { isMissingCell, parseDecimal } from './number-parsing';
import type { OhlcvSeries } from './ohlcv-series';
import {
  shortValue,
  validateBarCells,
  type BarValues,
  type FieldLabels,
  type RowProblem,
} from './row-validation';
import { RowBuffer } from './row-buffer';
import { orderAndDeduplicate } from './row-ordering';
import { decodeText } from './text-decoding';
import {
  detectTimeframe,
  isSupportedTimeframe,
  medianGapMs,
  minGapMs,
  SUPPORTED_TIMEFRAMES,
  timeframeToMs,
} from './timeframe';

export interface ParseOhlcvOptions {
  /** Drop invalid rows (and report them) instead of rejecting the whole file. */
  skipInvalid?: boolean;
  /**
   * The timeframe the uploader says the bars have. The file is rejected when the data contradicts it:
   * bars closer together than that, or a different detected timeframe.
   */
  timeframe?: string;
  /** Force day-first (`true`) or month-first (`false`) reading of `NN/NN/YYYY` dates. */
  dayFirst?: boolean;
}

function countLines(text: string): number {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function isBlankRecord(fields: readonly string[]): boolean {
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f];
    for (let i = 0; i < field.length; i++) {
      const c = field.charCodeAt(i);
      if (c !== 32 && c !== 9) return false;
    }
  }
  return true;
}

function looksLikeDataRow(fields: readonly string[], dateOptions: DateParseOptions): boolean {
  if (fields.length < 5 || isNan(parseDateTime(fields[0], dateOptions))) return false;
  for (let i = 1; i <= 4; i++) if (isNan(parseDecimal(fields[i]))) return false;
  return true;
}

function columnsReport(mapping: ColumnMapping | null, labels: readonly string[]): ImportColumns {
  const label = (index: number | undefined): string | null =>
    mapping === null || index === undefined || index === -1 ? null : (labels[index] ?? null);
  const usedIndexes = mapping
    ? [
        mapping.date,
        mapping.timeOfDay,
        mapping.open,
        mapping.high,
        mapping.low,
        mapping.close,
        mapping.volume,
        mapping.adjClose,
      ]
    : [];
  return {
    date: label(mapping?.date),
    timeOfDay: label(mapping?.timeOfDay),
    open: label(mapping?.open),
    high: label(mapping?.high),
    low: label(mapping?.low),
    close: label(mapping?.close),
    volume: label(mapping?.volume),
    adjClose: label(mapping?.adjClose),
    ignored: mapping ? labels.filter((_, i) => !usedIndexes.includes(i)) : [],
  };
}

/** Merges two line-sorted problem lists. */
function mergeByLine(a: readonly ImportProblem[], b: readonly ImportProblem[]): ImportProblem[] {
  const merged: ImportProblem[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].line <= b[j].line)) merged.push(a[i++]);
    else merged.push(b[j++]);
  }
  return merged;
}

/**
 * Parses an OHLCV CSV export (Yahoo, investing.com incl. Korean, pandas, exchange dumps, ...) into an
 * ascending, duplicate-free columnar series plus a report. Never throws for bad data: problems are in
 * `report.errors`, and `ok` is false when the file is rejected. See `parseOhlcvFileOrThrow`.
 */
export function parseOhlcvFile(
  input: Buffer | Uint8Array | string,
  options: ParseOhlcvOptions = {},
): ImportResult {
  const text = decodeText(input);
  const delimiter = detectDelimiter(text);
  const dateOptions: DateParseOptions = { dayFirst: options.dayFirst };

  const report: ImportReport = {
    rowsRead: 0,
    imported: 0,
    repaired: 0,
    skipped: 0,
    firstDate: null,
    lastDate: null,
    detectedTimeframe: null,
    medianGapMs: null,
    timeframe: null,
    sourceOrder: 'ascending',
    headerless: false,
    delimiter,
    columns: columnsReport(null, []),
    errors: [],
    errorCount: 0,
    repairedLines: [],
    skippedLines: [],
  };
  const reject = (problems: ImportProblem[], errorCount = problems.length): ImportResult => {
    report.imported = 0;
    report.skipped = 0;
    report.errors = problems.slice(0, MAX_REPORTED_ERRORS);
    report.errorCount = errorCount;
    return { ok: false, series: null, report };
  };

  const declared = options.timeframe;
  if (declared !== undefined && !isSupportedTimeframe(declared)) {
    return reject([
      {
        line: 0,
        code: 'UNSUPPORTED_TIMEFRAME',
        message: `timeframe "${declared}" is not supported; use one of ${SUPPORTED_TIMEFRAMES.join(', ')}`,
        value: shortValue(String(declared)),
      },
    ]);
  }

  let mapping: ColumnMapping | null = null;
  let headerLine = 0;
  let headerLength = 0;
  let lastMappedIndex = 0;
  let missing: OhlcvField[] = [];
  let labels: FieldLabels = { open: '', high: '', low: '', close: '', volume: '' };
  const rows = new RowBuffer(countLines(text));
  const rowProblems: ImportProblem[] = [];
  let rowProblemCount = 0;
  const values: BarValues = { open: 0, high: 0, low: 0, close: 0, volume: 0, repaired: false };
  const cells: Record<PriceField | 'volume', string | undefined> = {
    open: undefined,
    high: undefined,
    low: undefined,
    close: undefined,
    volume: undefined,
  };

  const addRowProblem = (line: number, problem: RowProblem): void => {
    rowProblemCount++;
    if (rowProblems.length < MAX_REPORTED_LINES) rowProblems.push({ line, ...problem });
  };

  const processRow = (m: ColumnMapping, fields: string[], line: number): void => {
    if (fields.length !== headerLength) {
      const tooShort = fields.length < headerLength && lastMappedIndex >= fields.length;
      let extraContent = false;
      for (let i = headerLength; i < fields.length && !extraContent; i++)
        extraContent = fields[i].trim() !== '';
      if (tooShort || extraContent) {
        const hint = extraContent ? ' (unquoted thousands separators?)' : '';
        addRowProblem(line, {
          code: 'FIELD_COUNT_MISMATCH',
          message: `row has ${fields.length} fields but the header has ${headerLength}${hint}`,
        });
        return;
      }
    }

    const dateRaw = fields[m.date];
    let time = parseDateTime(dateRaw, dateOptions);
    let timeRaw = '';
    if (m.timeOfDay !== -1 && !isNan(time) && !isMissingCell(fields[m.timeOfDay])) {
      timeRaw = fields[m.timeOfDay];
      time += parseTimeOfDay(timeRaw);
    }
    if (isNan(time)) {
      const shown = shortValue(timeRaw ? `${dateRaw} ${timeRaw}` : dateRaw);
      addRowProblem(line, {
        code: 'UNPARSABLE_DATE',
        column: 'date',
        message: `unrecognised date "${shown}"`,
        value: shown,
      });
      return;
    }

    cells.open = fields[m.open];
    cells.high = fields[m.high];
    cells.low = fields[m.low];
    cells.close = fields[m.close];
    cells.volume = m.volume === -1 ? undefined : fields[m.volume];
    const problem = validateBarCells(cells, labels, values);
    if (problem) addRowProblem(line, problem);
    else rows.push(time, values, line);
  };

  const reader = new CsvRecordReader(text, delimiter);
  const fields: string[] = [];
  let sawRecord = false;
  for (let line = reader.next(fields); line !== -1; line = reader.next(fields)) {
    if (isBlankRecord(fields)) continue;
    if (mapping === null) {
      sawRecord = true;
      headerLine = line;
      headerLength = fields.length;
      const header = mapHeader(fields);
      if (header.ok) {
        mapping = header.mapping;
      } else if (header.recognized === 0 && looksLikeDataRow(fields, dateOptions)) {
        mapping = positionalMapping(fields.length);
        report.headerless = true;
      } else {
        missing = header.missing;
        report.columns = { ...columnsReport(null, []), ignored: header.labels };
        break;
      }
      lastMappedIndex = Math.max(
        mapping.date,
        mapping.timeOfDay,
        mapping.open,
        mapping.high,
        mapping.low,
        mapping.close,
        mapping.volume,
      );
      labels = {
        open: mapping.labels[mapping.open],
        high: mapping.labels[mapping.high],
        low: mapping.labels[mapping.low],
        close: mapping.labels[mapping.close],
        volume: mapping.volume === -1 ? '' : mapping.labels[mapping.volume],
      };
      report.columns = columnsReport(mapping, mapping.labels);
      if (!report.headerless) continue;
    }
    report.rowsRead++;
    processRow(mapping, fields, line);
  }

  if (!sawRecord) {
    return reject([{ line: 0, code: 'EMPTY_FILE', message: 'the file is empty' }]);
  }
  if (missing.length > 0) {
    const present = report.columns.ignored.map((label) => `"${label}"`).join(', ');
    return reject(
      missing.map((field) => ({
        line: headerLine,
        column: field,
        code: 'MISSING_COLUMN' as const,
        message: `required column "${field}" not found (header: ${present})`,
      })),
    );
  }
  if (report.rowsRead === 0) {
    return reject([
      { line: headerLine, code: 'NO_DATA_ROWS', message: 'the file has a header but no data rows' },
    ]);
  }

  const { sourceOrder, keep, kept, duplicateProblems } = orderAndDeduplicate(rows);
  report.sourceOrder = sourceOrder;
  const t = rows.time;
  const problems = mergeByLine(rowProblems, duplicateProblems);
  const errorCount = rowProblemCount + duplicateProblems.length;

  const repairedLines: number[] = [];
  for (let k = 0; k < kept; k++) if (rows.repaired[keep[k]] === 1) repairedLines.push(rows.line[keep[k]]);
  repairedLines.sort((a, b) => a - b);
  report.repaired = repairedLines.length;
  report.repairedLines = repairedLines.slice(0, MAX_REPORTED_LINES);

  if (errorCount > 0 && !options.skipInvalid) return reject(problems, errorCount);
  if (kept === 0) {
    return reject(
      [
        ...problems,
        { line: 0, code: 'NO_VALID_ROWS', message: `none of the ${report.rowsRead} rows is valid` },
      ],
      errorCount + 1,
    );
  }

  const series: OhlcvSeries = {
    time: new Float64Array(kept),
    open: new Float64Array(kept),
    high: new Float64Array(kept),
    low: new Float64Array(kept),
    close: new Float64Array(kept),
    volume: new Float64Array(kept),
  };
  for (let k = 0; k < kept; k++) {
    const i = keep[k];
    series.time[k] = t[i];
    series.open[k] = rows.open[i];
    series.high[k] = rows.high[i];
    series.low[k] = rows.low[i];
    series.close[k] = rows.close[i];
    series.volume[k] = rows.volume[i];
  }

  report.detectedTimeframe = detectTimeframe(series.time);
  report.medianGapMs = medianGapMs(series.time);
  report.timeframe = declared ?? report.detectedTimeframe;
  if (declared !== undefined) {
    const minGap = minGapMs(series.time);
    const detected = report.detectedTimeframe;
    const tooClose = minGap !== null && minGap < timeframeToMs(declared);
    if (tooClose || (detected !== null && detected !== declared)) {
      const why = tooClose
        ? `some bars are only ${minGap / 1000}s apart`
        : `bars are typically ${detected} apart`;
      return reject([
        {
          line: 0,
          code: 'TIMEFRAME_MISMATCH',
          message: `declared timeframe ${declared} does not fit the data: ${why}`,
        },
      ]);
    }
  }

  report.imported = kept;
  report.skipped = errorCount;
  report.errors = problems.slice(0, MAX_REPORTED_ERRORS);
  report.errorCount = errorCount;
  report.skippedLines = problems.slice(0, MAX_REPORTED_LINES).map((problem) => problem.line);
  report.firstDate = toIsoString(series.time[0]);
  report.lastDate = toIsoString(series.time[kept - 1]);
  return { ok: true, series, report };
}

/** Like `parseOhlcvFile`, but throws `ImportRejectedError` instead of returning a rejected result. */
export function parseOhlcvFileOrThrow(
  input: Buffer | Uint8Array | string,
  options: ParseOhlcvOptions = {},
): { series: OhlcvSeries; report: ImportReport } {
  const result = parseOhlcvFile(input, options);
  if (!result.ok) throw new ImportRejectedError(result.report);
  return { series: result.series, report: result.report };
}
