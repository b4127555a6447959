/**
 * @app/engine — the Stratbench backtest engine. Pure TypeScript (no Node, Nest, I/O): it runs in a
 * browser as well as in the worker. Simulation and statistics follow backtesting.py 0.6.6 (see
 * /work/shared/notes/engine-semantics.md and libs/engine/README.md).
 */
export * from './types';
export { EngineError, BacktestCancelledError, type EngineErrorCode } from './errors';
export { runBacktest, prepareStrategy, runMetrics, type PreparedStrategy } from './run';
export {
  sweep,
  MAX_SWEEP_COMBINATIONS,
  type ParamValue,
  type SweepEntry,
  type SweepGrid,
  type SweepOptions,
  type SweepResult,
} from './sweep';
export {
  StrategySpecSchema,
  TemplateSpecSchema,
  RulesStrategySpecSchema,
  BacktestOptionsSchema,
  parseStrategySpec,
  parseRulesSpec,
  resolveOptions,
  describeZodError,
  type StrategySpec,
  type StrategySpecInput,
  type TemplateSpec,
  type BacktestOptionsInput,
} from './strategy.schema';
export {
  listTemplates,
  TEMPLATES,
  TEMPLATE_IDS,
  isTemplateId,
  SmaCrossParamsSchema,
  EmaCrossParamsSchema,
  RsiReversionParamsSchema,
  BollingerBreakoutParamsSchema,
  DonchianBreakoutParamsSchema,
  MacdCrossParamsSchema,
  BuyAndHoldParamsSchema,
  DirectionSchema,
  MAX_PERIOD,
  type TemplateId,
  type TemplateInfo,
  type TemplateParamInfo,
  type TemplateDefinition,
  type Direction,
  type SmaCrossParams,
  type EmaCrossParams,
  type RsiReversionParams,
  type BollingerBreakoutParams,
  type DonchianBreakoutParams,
  type MacdCrossParams,
  type BuyAndHoldParams,
} from './templates';
export {
  RulesSpecSchema,
  ConditionSchema,
  ExprSchema,
  RULE_LIMITS,
  type RulesSpec,
  type Condition,
  type Expr,
} from './rules/schema';
export { compileRules, rulesWarmupBar } from './rules/compile';
export {
  computeIndicator,
  IndicatorCache,
  sma,
  ema,
  rsi,
  bollinger,
  macd,
  atr,
  donchian,
  rollingMax,
  rollingMin,
  rollingStd,
  firstDefinedIndex,
  type IndicatorSpec,
  type PriceSource,
  type BollingerBands,
  type MacdLines,
  type DonchianChannel,
} from './indicators';
export { crossover, type CompiledStrategy } from './strategy';
export { TradeRow } from './trade-rows';
export { simulate, pyFloorDiv, type SimulationResult, type TradeLog, type OpenPosition } from './simulate';
export { computeStatistics, finiteOrNull, type StatisticsInput } from './stats/statistics';
export { calendarOf, type Calendar } from './stats/calendar';
export { downsampleMinMax, downsampleEquityAndDrawdown } from './downsample';
export {
  validateSeries,
  validateSeriesOnce,
  emptySeries,
  assertValidSeries,
  seriesFromRows,
  barPriceProblem,
  type SeriesCheck,
} from './series';
export { parseOhlcvCsv, parseOhlcvCsvWithLines, parseDate, type ParsedCsv } from './csv';
