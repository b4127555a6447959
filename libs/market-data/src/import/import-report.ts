import type { Delimiter } from './csv-tokenizer';
import type { OhlcvField } from './header-mapping';
import type { OhlcvSeries } from './ohlcv-series';
import type { Timeframe } from './timeframe';

export const PROBLEM_CODES = [
  // file level
  'EMPTY_FILE',
  'NO_DATA_ROWS',
  'MISSING_COLUMN',
  'NO_VALID_ROWS',
  'UNSUPPORTED_TIMEFRAME',
  'TIMEFRAME_MISMATCH',
  // row level
  'UNPARSABLE_DATE',
  'NOT_A_NUMBER',
  'MISSING_VALUE',
  'NON_POSITIVE_PRICE',
  'NEGATIVE_VOLUME',
  'HIGH_BELOW_LOW',
  'DUPLICATE_TIMESTAMP',
  'FIELD_COUNT_MISMATCH',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

export interface ImportProblem {
  /** 1-based line in the file (the header is line 1 in a normal file); 0 for whole-file problems. */
  line: number;
  /** Which field the problem is about, when it is about one. */
  column?: OhlcvField;
  code: ProblemCode;
  message: string;
  /** The offending cell as written, shortened. */
  value?: string;
}

export interface ImportColumns {
  /** Header labels as written in the file (`''` for an unnamed column); null when absent. */
  date: string | null;
  timeOfDay: string | null;
  open: string | null;
  high: string | null;
  low: string | null;
  close: string | null;
  volume: string | null;
  /** Present in the file but not used: OHLC stay as traded, not dividend/split-adjusted. */
  adjClose: string | null;
  ignored: string[];
}

export interface ImportReport {
  /** Data records read (blank lines excluded). */
  rowsRead: number;
  /** Bars in the returned series; 0 when the import is rejected. */
  imported: number;
  /** Trading-halt rows whose missing/zero open, high and low were set to the close. */
  repaired: number;
  /** Rows dropped under `skipInvalid` (0 when rejected). */
  skipped: number;
  firstDate: string | null;
  lastDate: string | null;
  detectedTimeframe: Timeframe | null;
  medianGapMs: number | null;
  /** The declared timeframe if one was given, else the detected one. */
  timeframe: Timeframe | null;
  /** Order of the rows in the file; the series is always ascending. */
  sourceOrder: 'ascending' | 'descending' | 'unordered';
  headerless: boolean;
  delimiter: Delimiter;
  columns: ImportColumns;
  /** The first problems by line number (at most MAX_REPORTED_ERRORS). */
  errors: ImportProblem[];
  /** Total number of problems, including those not listed in `errors`. */
  errorCount: number;
  /** Lines of repaired rows, ascending (at most MAX_REPORTED_LINES; see `repaired` for the count). */
  repairedLines: number[];
  /** Lines of skipped rows, ascending (at most MAX_REPORTED_LINES; see `skipped` for the count). */
  skippedLines: number[];
}

export type ImportResult =
  { ok: true; series: OhlcvSeries; report: ImportReport } | { ok: false; series: null; report: ImportReport };

export const MAX_REPORTED_ERRORS = 20;
export const MAX_REPORTED_LINES = 1000;

export class ImportRejectedError extends Error {
  readonly problems: ImportProblem[];
  constructor(readonly report: ImportReport) {
    const first = report.errors[0];
    const summary = first ? `line ${first.line}: ${first.message}` : 'no details';
    super(`Import rejected with ${report.errorCount} problem(s); first at ${summary}`);
    this.name = 'ImportRejectedError';
    this.problems = report.errors;
  }
}
