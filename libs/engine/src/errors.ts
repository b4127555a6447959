export type EngineErrorCode =
  | 'INVALID_SERIES'
  | 'CSV_MISSING_COLUMN'
  | 'CSV_BAD_DATE'
  | 'CSV_BAD_NUMBER'
  | 'CSV_BAD_PRICE'
  | 'CSV_BAD_ORDER'
  | 'CSV_EMPTY'
  | 'UNKNOWN_STRATEGY'
  | 'UNKNOWN_PARAMETER'
  | 'INVALID_PARAMETER'
  | 'INVALID_RULES'
  | 'INVALID_OPTIONS'
  | 'TOO_FEW_BARS'
  | 'CANCELLED';

/** Every error the engine throws on bad input. `message` is one human-readable line. */
export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    /** 1-based line in the source file, when the problem comes from a CSV row. */
    readonly line?: number,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export class BacktestCancelledError extends EngineError {
  constructor() {
    super('CANCELLED', 'backtest cancelled');
    this.name = 'BacktestCancelledError';
  }
}
