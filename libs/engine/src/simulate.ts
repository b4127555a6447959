import { BacktestCancelledError } from './errors';
import type { CompiledStrategy } from './strategy';
import type { BacktestOptions, OhlcvSeries } from './types';

/** backtesting.py's default order size: "all in", 1 − machine epsilon of the available margin. */
const FULL_EQUITY = 1 - 2 ** -52;
const CANCEL_CHECK_MASK = 0xffff;

/** Closed trades, column by column in typed arrays (cheap to append in the hot loop). */
export interface TradeLog {
  count: number;
  entryBar: Int32Array;
  exitBar: Int32Array;
  entryPrice: Float64Array;
  exitPrice: Float64Array;
  size: Float64Array;
  pnl: Float64Array;
  /** Fraction (0.05 = 5 %). */
  returnPct: Float64Array;
  commission: Float64Array;
}

export function emptyTradeLog(capacity = 64): TradeLog {
  // One allocation for the eight columns: six of doubles, then two of 32-bit bar numbers.
  const buffer = new ArrayBuffer(capacity * (6 * 8 + 2 * 4));
  const f64 = (k: number) => new Float64Array(buffer, k * 8 * capacity, capacity);
  const i32 = (k: number) => new Int32Array(buffer, 6 * 8 * capacity + k * 4 * capacity, capacity);
  return {
    count: 0,
    entryPrice: f64(0),
    exitPrice: f64(1),
    size: f64(2),
    pnl: f64(3),
    returnPct: f64(4),
    commission: f64(5),
    entryBar: i32(0),
    exitBar: i32(1),
  };
}

function growTradeLog(log: TradeLog): void {
  const bigger = emptyTradeLog(log.entryBar.length * 2);
  bigger.entryPrice.set(log.entryPrice);
  bigger.exitPrice.set(log.exitPrice);
  bigger.size.set(log.size);
  bigger.pnl.set(log.pnl);
  bigger.returnPct.set(log.returnPct);
  bigger.commission.set(log.commission);
  bigger.entryBar.set(log.entryBar);
  bigger.exitBar.set(log.exitBar);
  Object.assign(log, { ...bigger, count: log.count });
}

export interface OpenPosition {
  size: number;
  entryPrice: number;
  entryBar: number;
  /** Size × (last Close − entry) − entry commission. */
  pnl: number;
}

export interface SimulationResult {
  /** Equity at each bar's Close (starting cash before the first strategy bar). */
  equity: Float64Array;
  trades: TradeLog;
  open: OpenPosition | null;
  /** Bar at which equity fell to 0 or below and the run stopped, or -1. */
  ruinBar: number;
}

/**
 * Python's float floor division `a // b` (fmod-based, snapped to the nearest integer), so that
 * whole-unit sizing agrees with backtesting.py even when a / b rounds up to an integer.
 */
export function pyFloorDiv(a: number, b: number): number {
  // Fast path: when a / b is clearly away from an integer, its floor is the answer (fmod is slow).
  const q = a / b;
  if (q > 0 && q < 9007199254740992) {
    const f = Math.floor(q);
    const margin = q * 1e-12 + 1e-12;
    if (q - f > margin && f + 1 - q > margin) return f;
  }
  const mod = a % b;
  let div = (a - mod) / b;
  // Python makes the remainder take the divisor's sign, taking one off the quotient.
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
  if (div === 0) return 0;
  let floorDiv = Math.floor(div);
  if (div - floorDiv > 0.5) floorDiv += 1;
  return floorDiv;
}

/**
 * The bar loop of backtesting.py 0.6 for one position at a time. For each bar i from
 * `startBar` on: (1) orders placed at bar i−1 fill (a close first, then the contingent SL/TP orders
 * of an open trade, then a new entry, whose SL/TP are checked again within the same bar);
 * (2) equity is marked at bar i's Close (equity ≤ 0 closes everything at that Close and ends the
 * run); (3) the strategy's signals at bar i place orders.
 */
export function simulate(
  series: OhlcvSeries,
  strategy: CompiledStrategy,
  startBar: number,
  options: BacktestOptions,
  shouldCancel?: () => boolean,
  equityOut?: Float64Array,
  tradeLogOut?: TradeLog,
): SimulationResult {
  const n = series.close.length;
  const equity = equityOut !== undefined && equityOut.length >= n ? equityOut : new Float64Array(n);
  const b = new Broker(series, strategy, options, tradeLogOut);
  const ruinBar = runBars(series.close, strategy, startBar, b, equity, shouldCancel);
  return finish(series.close, startBar, options.finalize, b, equity, ruinBar);
}

/**
 * Steps 1–3 for every bar; returns the ruin bar or -1. Nothing follows the loop: V8 compiles this
 * function while the loop runs, and code after the loop would have no type feedback yet, so reaching
 * it would throw the optimised code away on every call of the first few runs.
 */
function runBars(
  close: Float64Array,
  strategy: CompiledStrategy,
  startBar: number,
  b: Broker,
  equity: Float64Array,
  shouldCancel: (() => boolean) | undefined,
): number {
  const n = close.length;
  const reversal = strategy.mode === 'reversal';
  const allowShort = strategy.allowShort;
  const longEntry = strategy.longEntry;
  const longExit = strategy.longExit;
  const shortEntry = strategy.shortEntry;
  const shortExit = strategy.shortExit;
  const events = strategy.events;
  const eventCount = events !== undefined ? events.length : 0;
  let nextEventIndex = 0;

  // Hot-loop copies of the broker state; synced with `b` around the (rare) order processing.
  let cash = b.cash;
  let size = 0;
  let entryPrice = 0;
  let live = false;

  const first = startBar < n ? startBar : n;
  for (let i = 0; i < first; i++) equity[i] = cash;

  let ruinBar = -1;
  for (let i = startBar; i < n; i++) {
    if ((i & CANCEL_CHECK_MASK) === 0 && shouldCancel !== undefined && shouldCancel()) {
      throw new BacktestCancelledError();
    }
    if (live) {
      b.processOrders(i);
      cash = b.cash;
      size = b.size;
      entryPrice = b.entryPrice;
      live = b.bracketsLive();
    }

    const eq = size !== 0 ? cash + size * (close[i] - entryPrice) : cash;
    equity[i] = eq;
    if (eq <= 0) {
      if (size !== 0) b.closeTrade(close[i], i);
      b.cash = 0;
      equity.fill(0, i, n);
      ruinBar = i;
      break;
    }

    if (reversal) {
      if (longEntry[i] === 1) {
        if (size !== 0) b.pendingClose = true;
        b.placeEntry(1, i);
        live = true;
      } else if (shortEntry !== null && shortEntry[i] === 1) {
        if (size !== 0) {
          b.pendingClose = true;
          live = true;
        }
        if (allowShort) {
          b.placeEntry(-1, i);
          live = true;
        }
      }
    } else if (size === 0) {
      if (longEntry[i] === 1) {
        b.placeEntry(1, i);
        live = true;
      } else if (allowShort && shortEntry !== null && shortEntry[i] === 1) {
        b.placeEntry(-1, i);
        live = true;
      }
    } else if (size > 0) {
      if (longExit !== null && longExit[i] === 1) {
        b.pendingClose = true;
        live = true;
      }
    } else if (shortExit !== null && shortExit[i] === 1) {
      b.pendingClose = true;
      live = true;
    }

    // Sparse signals: up to the next signal bar nothing is pending, so only equity moves. Mark it in
    // a tight loop; the next signal bar, a cancel-check bar or a bar at equity <= 0 goes through the
    // full loop body above.
    if (events !== undefined && !live) {
      while (nextEventIndex < eventCount && events[nextEventIndex] <= i) nextEventIndex++;
      const nextEvent = nextEventIndex < eventCount ? events[nextEventIndex] : n;
      const nextCheck = (i | CANCEL_CHECK_MASK) + 1;
      const stop = nextEvent < nextCheck ? nextEvent : nextCheck < n ? nextCheck : n;
      let j = i + 1;
      if (size === 0) {
        for (; j < stop; j++) equity[j] = cash;
      } else {
        for (; j < stop; j++) {
          const e = cash + size * (close[j] - entryPrice);
          if (e <= 0) break;
          equity[j] = e;
        }
      }
      i = j - 1;
    }
  }

  return ruinBar;
}

/**
 * finalize: close what is still open and run the broker once more on the last bar, with the same
 * prices — exactly like backtesting.py, orders the strategy placed on the last bar fill too.
 */
function finish(
  close: Float64Array,
  startBar: number,
  finalize: boolean,
  b: Broker,
  equity: Float64Array,
  ruin: number,
): SimulationResult {
  const n = close.length;
  let ruinBar = ruin;
  if (ruinBar < 0 && finalize && startBar < n) {
    const last = n - 1;
    if (b.size !== 0) b.pendingClose = true;
    b.processOrders(last);
    const eq = b.size !== 0 ? b.cash + b.size * (close[last] - b.entryPrice) : b.cash;
    equity[last] = eq;
    if (eq <= 0) {
      if (b.size !== 0) b.closeTrade(close[last], last);
      b.cash = 0;
      equity[last] = 0;
      ruinBar = last;
    }
  }

  const openPosition: OpenPosition | null =
    b.size !== 0
      ? {
          size: b.size,
          entryPrice: b.entryPrice,
          entryBar: b.entryBar,
          pnl: b.size * (close[n - 1] - b.entryPrice) - b.commission(b.size, b.entryPrice),
        }
      : null;
  return { equity, trades: b.trades, open: openPosition, ruinBar };
}

/** Account, open trade and waiting orders; methods run only when something happens. */
class Broker {
  cash = 0;
  /** Open trade (size 0 = flat). */
  size = 0;
  entryPrice = 0;
  entryBar = -1;
  stopLoss = NaN;
  takeProfit = NaN;
  /** Orders placed by the strategy, waiting for the next bar. */
  pendingClose = false;
  pendingDir = 0;
  pendingSl = NaN;
  pendingTp = NaN;
  readonly trades: TradeLog;
  // Every field gets a value of its final type up front: a field that starts as `undefined` is
  // stored boxed, which made each update of `cash` allocate.
  private readonly open: Float64Array;
  private readonly high: Float64Array;
  private readonly low: Float64Array;
  private readonly close: Float64Array;
  private readonly rate: number = 0;
  private readonly fixed: number = 0;
  private readonly spread: number = 0;
  private readonly tradeOnClose: boolean = false;
  private readonly fractional: boolean = false;
  private readonly slPct: number = NaN;
  private readonly tpPct: number = NaN;

  constructor(series: OhlcvSeries, strategy: CompiledStrategy, options: BacktestOptions, log?: TradeLog) {
    if (log !== undefined) log.count = 0;
    this.trades = log ?? emptyTradeLog();
    this.open = series.open;
    this.high = series.high;
    this.low = series.low;
    this.close = series.close;
    this.cash = options.cash;
    this.rate = options.commission;
    this.fixed = options.commissionFixed;
    this.spread = options.spread;
    this.tradeOnClose = options.tradeOnClose;
    this.fractional = options.fractional;
    this.slPct = strategy.stopLossPct;
    this.tpPct = strategy.takeProfitPct;
  }

  bracketsLive(): boolean {
    return this.stopLoss === this.stopLoss || this.takeProfit === this.takeProfit;
  }

  commission(size: number, price: number): number {
    return this.fixed + (size < 0 ? -size : size) * price * this.rate;
  }

  /** Queue order: a close (if any) first, then the open trade's SL/TP, then a new entry. */
  processOrders(i: number): void {
    if (this.pendingClose) {
      this.pendingClose = false;
      if (this.size !== 0) {
        const toc = this.tradeOnClose;
        this.closeTrade(toc ? this.close[i - 1] : this.open[i], toc ? i - 1 : i);
      }
    }
    if (this.size !== 0 && this.bracketsLive()) this.checkBrackets(i);
    if (this.pendingDir !== 0) this.openEntry(i);
  }

  placeEntry(dir: number, i: number): void {
    this.pendingDir = dir;
    const slPct = this.slPct;
    const tpPct = this.tpPct;
    if (slPct === slPct || tpPct === tpPct) {
      const c = this.close[i];
      if (dir > 0) {
        this.pendingSl = slPct === slPct ? c * (1 - slPct / 100) : NaN;
        this.pendingTp = tpPct === tpPct ? c * (1 + tpPct / 100) : NaN;
      } else {
        this.pendingSl = slPct === slPct ? c * (1 + slPct / 100) : NaN;
        const tp = tpPct === tpPct ? c * (1 - tpPct / 100) : NaN;
        this.pendingTp = tp > 0 ? tp : NaN;
      }
    }
  }

  closeTrade(price: number, bar: number): void {
    const size = this.size;
    const entryPrice = this.entryPrice;
    const absSize = size < 0 ? -size : size;
    const exitCommission = this.fixed + absSize * price * this.rate;
    const gross = size * (price - entryPrice);
    this.cash += gross - exitCommission;
    const commissions = exitCommission + (this.fixed + absSize * entryPrice * this.rate);
    const t = this.trades;
    if (t.count === t.entryBar.length) growTradeLog(t);
    const k = t.count++;
    t.entryBar[k] = this.entryBar;
    t.exitBar[k] = bar;
    t.entryPrice[k] = entryPrice;
    t.exitPrice[k] = price;
    t.size[k] = size;
    t.pnl[k] = gross - commissions;
    t.returnPct[k] = (size > 0 ? 1 : -1) * (price / entryPrice - 1) - commissions / (absSize * entryPrice);
    t.commission[k] = commissions;
    this.size = 0;
    this.stopLoss = NaN;
    this.takeProfit = NaN;
  }

  /** Contingent orders: the stop-loss sits ahead of the take-profit in the queue, so it wins ties. */
  private checkBrackets(i: number): void {
    const o = this.open[i];
    const sl = this.stopLoss;
    const tp = this.takeProfit;
    if (this.size > 0) {
      if (sl === sl && this.low[i] <= sl) this.closeTrade(o < sl ? o : sl, i);
      else if (tp === tp && this.high[i] >= tp) this.closeTrade(o > tp ? o : tp, i);
    } else if (this.size < 0) {
      if (sl === sl && this.high[i] >= sl) this.closeTrade(o > sl ? o : sl, i);
      else if (tp === tp && this.low[i] <= tp) this.closeTrade(o < tp ? o : tp, i);
    }
  }

  private openEntry(i: number): void {
    const dir = this.pendingDir;
    this.pendingDir = 0;
    const toc = this.tradeOnClose;
    const price = toc ? this.close[i - 1] : this.open[i];
    const bar = toc ? i - 1 : i;
    const rate = this.rate;
    const fixed = this.fixed;
    const adjusted = price * (1 + (dir > 0 ? this.spread : -this.spread));
    const perUnit = adjusted + (fixed + FULL_EQUITY * price * rate) / FULL_EQUITY;
    const available = this.cash > 0 ? this.cash : 0;
    const units = this.fractional
      ? (available * FULL_EQUITY) / perUnit
      : pyFloorDiv(available * FULL_EQUITY, perUnit);
    // Not enough for one unit, or more than is available: the broker cancels the order.
    if (!(units > 0) || units * perUnit > available) return;
    this.cash -= fixed + units * adjusted * rate;
    this.size = dir * units;
    this.entryPrice = adjusted;
    this.entryBar = bar;
    this.stopLoss = this.pendingSl;
    this.takeProfit = this.pendingTp;
    // Brackets of a market order are processed again within its fill bar.
    if (this.bracketsLive()) this.checkBrackets(i);
  }
}
