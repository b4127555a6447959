export { parseOhlcvFile, parseOhlcvFileOrThrow, type ParseOhlcvOptions } from './parse-ohlcv-file';
export {
  ImportRejectedError,
  MAX_REPORTED_ERRORS,
  MAX_REPORTED_LINES,
  PROBLEM_CODES,
  type ImportColumns,
  type ImportProblem,
  type ImportReport,
  type ImportResult,
  type ProblemCode,
} from './import-report';
export { emptySeries, type OhlcvSeries } from './ohlcv-series';
export {
  SUPPORTED_TIMEFRAMES,
  detectTimeframe,
  isSupportedTimeframe,
  medianGapMs,
  minGapMs,
  msToTimeframeLabel,
  timeframeSchema,
  timeframeToMs,
  type Timeframe,
} from './timeframe';
export {
  daysFromCivil,
  epochNumberToMs,
  parseDateTime,
  parseTimeOfDay,
  type DateParseOptions,
} from './date-parsing';
export { isMissingCell, parseDecimal } from './number-parsing';
export { CsvRecordReader, detectDelimiter, readCsvRecords, type Delimiter } from './csv-tokenizer';
export {
  mapHeader,
  normalizeHeader,
  type ColumnMapping,
  type OhlcvField,
  type PriceField,
} from './header-mapping';
export { decodeText } from './text-decoding';
