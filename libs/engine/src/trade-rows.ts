import type { TradeLog } from './simulate';
import type { TradeRecord } from './types';

/** The closed trades of one run, column by column, each column exactly as long as the trade count. */
type TradeColumns = Omit<TradeLog, 'count' | 'returnPct'> & {
  entryTime: Float64Array;
  exitTime: Float64Array;
  /** Percent (the log keeps a fraction). */
  returnPct: Float64Array;
};

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * One closed trade, read from its run's columns. A long run has tens of thousands of trades: as
 * plain objects each trade would hold eight boxed doubles, and copying those through the young
 * generation took over half of a 1M-bar run. Rows read like a TradeRecord; `toJSON()` (used by
 * JSON.stringify) gives the plain object, so does `{ ...row.toJSON() }`. Rows are immutable.
 */
export class TradeRow implements TradeRecord {
  readonly #c: TradeColumns;
  readonly #k: number;

  constructor(columns: TradeColumns, index: number) {
    this.#c = columns;
    this.#k = index;
  }

  get entryTime(): number {
    return this.#c.entryTime[this.#k];
  }
  get exitTime(): number {
    return this.#c.exitTime[this.#k];
  }
  get entryBar(): number {
    return this.#c.entryBar[this.#k];
  }
  get exitBar(): number {
    return this.#c.exitBar[this.#k];
  }
  get entryPrice(): number {
    return this.#c.entryPrice[this.#k];
  }
  get exitPrice(): number {
    return this.#c.exitPrice[this.#k];
  }
  get size(): number {
    return this.#c.size[this.#k];
  }
  get pnl(): number {
    return this.#c.pnl[this.#k];
  }
  get returnPct(): number {
    return this.#c.returnPct[this.#k];
  }
  get commission(): number {
    return this.#c.commission[this.#k];
  }

  toJSON(): TradeRecord {
    return {
      entryTime: this.entryTime,
      exitTime: this.exitTime,
      entryBar: this.entryBar,
      exitBar: this.exitBar,
      entryPrice: this.entryPrice,
      exitPrice: this.exitPrice,
      size: this.size,
      pnl: this.pnl,
      returnPct: this.returnPct,
      commission: this.commission,
    };
  }

  [INSPECT](): TradeRecord {
    return this.toJSON();
  }
}

/** Copies the (reused) trade log of a run into columns of its own and returns a row per trade. */
export function tradeRows(log: TradeLog, time: Float64Array): TradeRow[] {
  const n = log.count;
  const entryBar = log.entryBar.slice(0, n);
  const exitBar = log.exitBar.slice(0, n);
  const entryTime = new Float64Array(n);
  const exitTime = new Float64Array(n);
  const returnPct = new Float64Array(n);
  const fraction = log.returnPct;
  for (let k = 0; k < n; k++) {
    entryTime[k] = time[entryBar[k]];
    exitTime[k] = time[exitBar[k]];
    returnPct[k] = fraction[k] * 100;
  }
  const columns: TradeColumns = {
    entryTime,
    exitTime,
    entryBar,
    exitBar,
    entryPrice: log.entryPrice.slice(0, n),
    exitPrice: log.exitPrice.slice(0, n),
    size: log.size.slice(0, n),
    pnl: log.pnl.slice(0, n),
    returnPct,
    commission: log.commission.slice(0, n),
  };
  const rows = new Array<TradeRow>(n);
  for (let k = 0; k < n; k++) rows[k] = new TradeRow(columns, k);
  return rows;
}
