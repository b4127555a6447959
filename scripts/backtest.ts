/**
 * Backtest CLI.
 *
 *   npm run -s backtest -- --data <file.csv> --strategy sma-cross --param fast=10 --param slow=30 \
 *     [--param direction=long-short] [--cash 10000] [--commission 0.002] [--commission-fixed 0]
 *     [--spread 0] [--finalize] [--trade-on-close] [--fractional] [--rules rules.json] [--json]
 *
 * --json prints exactly one JSON object, { "metrics": {...}, "trades": [...] }, on stdout.
 * Bad input exits with status 1 and one line on stderr naming the problem.
 */
import { readFileSync } from 'fs';
import { basename } from 'path';
import {
  EngineError,
  listTemplates,
  runBacktest,
  type BacktestMetrics,
  type BacktestOptionsInput,
  type BacktestResult,
} from '../libs/engine/src';
import { readOhlcvCsvFile } from './lib/csv-ohlcv';

class UsageError extends Error {}

interface CliArgs {
  data: string;
  strategy?: string;
  rules?: string;
  params: Array<[string, string]>;
  options: BacktestOptionsInput;
  json: boolean;
}

const VALUE_FLAGS = [
  '--data',
  '--strategy',
  '--param',
  '--cash',
  '--commission',
  '--commission-fixed',
  '--spread',
  '--rules',
];
const BOOLEAN_FLAGS = ['--finalize', '--trade-on-close', '--fractional', '--json'];

export function parseArgs(argv: string[]): CliArgs {
  const params: Array<[string, string]> = [];
  const options: BacktestOptionsInput = {};
  let data: string | undefined;
  let strategy: string | undefined;
  let rules: string | undefined;
  let json = false;
  for (let k = 0; k < argv.length; k++) {
    const raw = argv[k];
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    if (BOOLEAN_FLAGS.includes(flag)) {
      if (eq > 0) throw new UsageError(`${flag} takes no value`);
      if (flag === '--finalize') options.finalize = true;
      else if (flag === '--trade-on-close') options.tradeOnClose = true;
      else if (flag === '--fractional') options.fractional = true;
      else json = true;
      continue;
    }
    if (!VALUE_FLAGS.includes(flag)) {
      throw new UsageError(raw.startsWith('-') ? `unknown option ${flag}` : `unexpected argument '${raw}'`);
    }
    const value = eq > 0 ? raw.slice(eq + 1) : argv[++k];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    switch (flag) {
      case '--data':
        data = value;
        break;
      case '--strategy':
        strategy = value;
        break;
      case '--rules':
        rules = value;
        break;
      case '--param': {
        const at = value.indexOf('=');
        if (at <= 0) throw new UsageError(`--param expects name=value, got '${value}'`);
        params.push([value.slice(0, at).trim(), value.slice(at + 1).trim()]);
        break;
      }
      case '--cash':
        options.cash = numberArg(flag, value);
        break;
      case '--commission':
        options.commission = numberArg(flag, value);
        break;
      case '--commission-fixed':
        options.commissionFixed = numberArg(flag, value);
        break;
      case '--spread':
        options.spread = numberArg(flag, value);
        break;
    }
  }
  if (data === undefined) throw new UsageError('missing --data <file.csv>');
  if (strategy === undefined && rules === undefined)
    throw new UsageError('missing --strategy <template> or --rules <file.json>');
  if (strategy !== undefined && rules !== undefined)
    throw new UsageError('use either --strategy or --rules, not both');
  if (rules !== undefined && params.length > 0)
    throw new UsageError('--param applies to --strategy templates, not to --rules');
  return { data, strategy, rules, params, options, json };
}

function numberArg(flag: string, value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x))
    throw new UsageError(`${flag} must be a number, got '${value}'`);
  return x;
}

/** Template params from `name=value` pairs, numbers converted according to the template's schema. */
export function templateParams(template: string, pairs: Array<[string, string]>): Record<string, unknown> {
  const info = listTemplates().find((t) => t.id === template);
  const out: Record<string, unknown> = {};
  for (const [name, value] of pairs) {
    const param = info?.params.find((p) => p.name === name);
    if (param !== undefined && (param.type === 'integer' || param.type === 'number')) {
      const x = Number(value);
      if (value === '' || !Number.isFinite(x)) {
        throw new EngineError(
          'INVALID_PARAMETER',
          `invalid parameter for ${template}: ${name} must be a number, got '${value}'`,
        );
      }
      out[name] = x;
    } else {
      out[name] = value;
    }
  }
  return out;
}

export function buildStrategy(args: CliArgs): unknown {
  if (args.rules !== undefined) {
    let text: string;
    try {
      text = readFileSync(args.rules, 'utf8');
    } catch {
      throw new EngineError('INVALID_RULES', `cannot read rules file ${args.rules}`);
    }
    let rules: unknown;
    try {
      rules = JSON.parse(text);
    } catch (error) {
      throw new EngineError(
        'INVALID_RULES',
        `rules file ${args.rules} is not valid JSON: ${(error as Error).message}`,
      );
    }
    return { kind: 'rules', rules };
  }
  return { kind: 'template', template: args.strategy, params: templateParams(args.strategy!, args.params) };
}

const METRIC_ROWS: Array<[keyof BacktestMetrics, string, 'money' | 'pct' | 'ratio' | 'days' | 'count']> = [
  ['equityFinal', 'Equity final [currency]', 'money'],
  ['equityPeak', 'Equity peak [currency]', 'money'],
  ['returnPct', 'Return', 'pct'],
  ['buyHoldReturnPct', 'Buy & hold return', 'pct'],
  ['returnAnnPct', 'Return (ann.)', 'pct'],
  ['volatilityAnnPct', 'Volatility (ann.)', 'pct'],
  ['cagrPct', 'CAGR', 'pct'],
  ['sharpe', 'Sharpe ratio', 'ratio'],
  ['sortino', 'Sortino ratio', 'ratio'],
  ['calmar', 'Calmar ratio', 'ratio'],
  ['alphaPct', 'Alpha', 'pct'],
  ['beta', 'Beta', 'ratio'],
  ['maxDrawdownPct', 'Max. drawdown', 'pct'],
  ['avgDrawdownPct', 'Avg. drawdown', 'pct'],
  ['maxDrawdownDurationDays', 'Max. drawdown duration', 'days'],
  ['exposurePct', 'Exposure time', 'pct'],
  ['trades', 'Trades', 'count'],
  ['winRatePct', 'Win rate', 'pct'],
  ['bestTradePct', 'Best trade', 'pct'],
  ['worstTradePct', 'Worst trade', 'pct'],
  ['avgTradePct', 'Avg. trade (geometric)', 'pct'],
  ['expectancyPct', 'Expectancy', 'pct'],
  ['profitFactor', 'Profit factor', 'ratio'],
  ['sqn', 'SQN', 'ratio'],
  ['kelly', 'Kelly criterion', 'ratio'],
];

function formatValue(value: number | null, unit: 'money' | 'pct' | 'ratio' | 'days' | 'count'): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'money':
      return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'pct':
      return `${value.toFixed(2)} %`;
    case 'ratio':
      return value.toFixed(4);
    case 'days':
      return `${Number.isInteger(value) ? value : value.toFixed(2)} days`;
    case 'count':
      return String(value);
  }
}

function isoDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
}

export function formatTable(
  result: BacktestResult,
  args: CliArgs,
  firstTime: number,
  lastTime: number,
): string {
  const lines: string[] = [];
  const strategy = args.rules !== undefined ? `rules from ${args.rules}` : result.info.strategy;
  const opts = args.options;
  lines.push(`Strategy   ${strategy}`);
  lines.push(
    `Data       ${basename(args.data)}: ${result.info.bars} bars, ${isoDate(firstTime)} .. ${isoDate(lastTime)}`,
  );
  lines.push(
    `Options    cash ${formatValue(opts.cash ?? 10_000, 'money')}, commission ${((opts.commission ?? 0) * 100).toFixed(3)} %` +
      `${opts.commissionFixed ? ` + ${opts.commissionFixed} per fill` : ''}, spread ${((opts.spread ?? 0) * 100).toFixed(3)} %` +
      `${opts.finalize ? ', finalize' : ''}${opts.tradeOnClose ? ', trade on close' : ''}${opts.fractional ? ', fractional' : ''}`,
  );
  lines.push(
    `Warm-up    strategy starts at bar ${result.info.startBar}, ${result.info.periodsPerYear} periods/year`,
  );
  lines.push('');
  const width = Math.max(...METRIC_ROWS.map(([, label]) => label.length));
  for (const [key, label, unit] of METRIC_ROWS) {
    lines.push(`${label.padEnd(width)}  ${formatValue(result.metrics[key], unit).padStart(16)}`);
  }
  if (result.openTrade !== null) {
    lines.push('');
    lines.push(
      `Open trade: ${result.openTrade.size} units since ${isoDate(result.openTrade.entryTime)} at ${result.openTrade.entryPrice} (not in trade statistics; use --finalize)`,
    );
  }
  return lines.join('\n');
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Runs the CLI; returns the exit status (0 ok, 1 bad input, 2 internal failure). */
export function main(argv: string[], io: CliIo = processIo): number {
  try {
    const args = parseArgs(argv);
    const { series } = readOhlcvCsvFile(args.data);
    const result = runBacktest(series, buildStrategy(args), args.options);
    if (args.json) {
      io.out(`${JSON.stringify({ metrics: result.metrics, trades: result.trades })}\n`);
    } else {
      io.out(`${formatTable(result, args, series.time[0], series.time[series.time.length - 1])}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof EngineError || error instanceof UsageError) {
      io.err(`error: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`error: internal failure: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
