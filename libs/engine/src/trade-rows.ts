import type { TradeLog } from './simulate';
import type { TradeRecord } from './types';

/** A run's own trade log (never reused by a later run) and the series' time axis. */
interface TradeColumns {
  log: TradeLog;
  time: Float64Array;
}

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
    return this.#c.time[this.#c.log.entryBar[this.#k]];
  }
  get exitTime(): number {
    return this.#c.time[this.#c.log.exitBar[this.#k]];
  }
  get entryBar(): number {
    return this.#c.log.entryBar[this.#k];
  }
  get exitBar(): number {
    return this.#c.log.exitBar[this.#k];
  }
  get entryPrice(): number {
    return this.#c.log.entryPrice[this.#k];
  }
  get exitPrice(): number {
    return this.#c.log.exitPrice[this.#k];
  }
  get size(): number {
    return this.#c.log.size[this.#k];
  }
  get pnl(): number {
    return this.#c.log.pnl[this.#k];
  }
  /** Percent (the log keeps a fraction). */
  get returnPct(): number {
    return this.#c.log.returnPct[this.#k] * 100;
  }
  get commission(): number {
    return this.#c.log.commission[this.#k];
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

/**
 * A row per closed trade of `log`, which must belong to this run alone: rows read it (and `time`)
 * when accessed, so nothing is copied.
 */
export function tradeRows(log: TradeLog, time: Float64Array): TradeRow[] {
  const n = log.count;
  const columns: TradeColumns = { log, time };
  const rows = new Array<TradeRow>(n);
  for (let k = 0; k < n; k++) rows[k] = new TradeRow(columns, k);
  return rows;
}
