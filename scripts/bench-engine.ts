/**
 * Engine benchmark: `npm run -s bench:engine [-- --json] [-- --processes N]`.
 *
 * The measurements run in child `node` processes on the engine compiled to JavaScript with
 * @swc/core (as the production build does for dist/), written to a temporary folder. The npm
 * script's `@swc-node/register` loader alone (it loads the TypeScript compiler) takes ~140 MB of RSS
 * before any engine code runs; that process's figure is reported separately as `loaderRssMb`.
 *
 * The same measurements run in N processes one after another (3 by default): on this 2-core virtual
 * machine one process can be 1.5 times slower than the next at the same work, all phases together,
 * so each headline figure is the median over the processes and `byProcess` lists every process's.
 *
 *  - singleRunBarsPerSec: sma-cross(10, 30, long-short) with full statistics on a seeded
 *    1,000,000-bar random walk (1-minute bars): bars / median wall time of 9 runs in the steady state.
 *    Before them come one cold run (singleRunColdMs) and 10 warm-up runs (singleRunWarmupMs): V8
 *    compiles a million-bar loop while it runs (on-stack replacement) and recompiles it when a branch
 *    is first taken late in the loop, so the first runs of a fresh process take 1.5–3 times longer
 *    (on this 2-core machine the compiler thread competes with the run for a core).
 *  - rangeRunBarsPerSec: the same run on a new 1,000,000-bar range of a longer series each time, as
 *    the worker gets a trader's date range from the market-data loader (views of a series validated
 *    once per load): the per-series work (calendar, market returns) is not cached between these runs.
 *  - googRunMs: median of single runs on GOOG (the reference case).
 *  - sweepGoogMs: median time of a 500-combination sma-cross sweep on GOOG
 *    (fast 5..29 × slow 10..67 step 3; combinations with fast >= slow are skipped).
 *  - singleRunPeakRssMb: peak resident set size after building the series and one 1M-bar run.
 *  - peakRssMb: peak resident set size over all twenty 1M-bar runs (cold, warm-up, measured), with
 *    the garbage repeated runs leave until the GC returns it.
 *  - benchmarkPeakRssMb: the same at the end of the whole benchmark (GOOG runs, the sweeps and the
 *    range runs, each of which builds per-series data of its own, come on top).
 *  - machineMs: a fixed arithmetic loop outside the engine (median of 7, before and after the
 *    measurements), about 5 ms on this machine when nothing slows it down. The virtual machine has
 *    periods in which everything runs up to twice as slowly; this figure shows whether the others
 *    were measured in one.
 */
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { loadavg, tmpdir } from 'os';
import { dirname, join, relative } from 'path';
import { performance } from 'perf_hooks';
import {
  emptySeries,
  parseOhlcvCsv,
  runBacktest,
  sweep,
  validateSeriesOnce,
  type OhlcvSeries,
} from '../libs/engine/src';

const json = process.argv.includes('--json');
const processesArg = process.argv.indexOf('--processes');
const PROCESSES = processesArg > 0 ? Math.max(1, Number(process.argv[processesArg + 1]) || 1) : 3;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Seeded geometric random walk with consistent OHLC, one bar per minute from 2020-01-01 UTC.
 * Volume stays 0: the engine does not use it.
 */
export function randomWalk(bars: number, seed = 42): OhlcvSeries {
  const rand = mulberry32(seed);
  const s = emptySeries(bars);
  const t0 = Date.UTC(2020, 0, 1);
  let price = 100;
  for (let i = 0; i < bars; i++) {
    const open = price * (1 + (rand() - 0.5) * 0.001);
    const close = open * (1 + (rand() - 0.5) * 0.004);
    const top = Math.max(open, close);
    const bottom = Math.min(open, close);
    s.time[i] = t0 + i * 60_000;
    s.open[i] = open;
    s.close[i] = close;
    s.high[i] = top * (1 + rand() * 0.001);
    s.low[i] = bottom * (1 - rand() * 0.001);
    price = close;
  }
  return s;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const CHILD_FLAG = 'STRATBENCH_BENCH_CHILD';

if (process.env[CHILD_FLAG] === '1') {
  process.stdout.write(`${JSON.stringify(measure())}\n`);
} else if (require.main === module) {
  runInChild();
}

/** Compiles the engine and this file to a temporary folder and runs the measurements there. */
function runInChild(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const swc = require('@swc/core') as typeof import('@swc/core');
  const root = join(__dirname, '..');
  const out = mkdtempSync(join(tmpdir(), 'stratbench-bench-'));
  const compile = (file: string): void => {
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    // The project's .swcrc settings (what `npm run build:server` uses for dist/).
    const { code } = swc.transformSync(readFileSync(file, 'utf8'), {
      filename: file,
      sourceMaps: false,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        target: 'es2022',
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      },
      module: { type: 'commonjs' },
    });
    writeFileSync(target, code);
  };
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) compile(path);
    }
  };
  const runs: BenchResult[] = [];
  try {
    walk(join(root, 'libs', 'engine', 'src'));
    compile(__filename);
    mkdirSync(join(out, 'data', 'samples'), { recursive: true });
    writeFileSync(
      join(out, 'data', 'samples', 'GOOG_daily_2004-2013.csv'),
      readFileSync(join(root, 'data', 'samples', 'GOOG_daily_2004-2013.csv')),
    );
    for (let k = 0; k < PROCESSES; k++) {
      // --expose-gc: garbage of one measurement is collected before the next starts (never while timing).
      const child = spawnSync(process.execPath, ['--expose-gc', join(out, 'scripts', 'bench-engine.js')], {
        env: { ...process.env, [CHILD_FLAG]: '1', NODE_PATH: join(root, 'node_modules') },
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      });
      if (child.status !== 0) {
        process.stderr.write(child.stderr || `benchmark child exited with ${String(child.status)}\n`);
        process.exit(1);
      }
      runs.push(JSON.parse(child.stdout) as BenchResult);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const result = { ...summarise(runs), loaderRssMb: round(process.resourceUsage().maxRSS / 1024, 1) };
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const each = (values: number[], unit: string): string => `per process: ${values.join(', ')} ${unit}`;
  const by = result.byProcess;
  const rows: Array<[string, string, string]> = [
    [
      'single run, 1M bars',
      `${(result.singleRunBarsPerSec / 1e6).toFixed(1)} M bars/s`,
      `${result.singleRunMs} ms; ${each(by.singleRunMs, 'ms')} (median of 9 runs each, after a cold run and 10 warm-up runs)`,
    ],
    [
      'new 1M-bar range each run',
      `${(result.rangeRunBarsPerSec / 1e6).toFixed(1)} M bars/s`,
      `${result.rangeRunMs} ms; ${each(by.rangeRunMs, 'ms')} (median of 9 runs each)`,
    ],
    ['GOOG single run', `${result.googRunMs} ms`, `${each(by.googRunMs, 'ms')} (median of 500 each)`],
    [
      'GOOG sweep',
      `${result.sweepGoogMs} ms`,
      `${each(by.sweepGoogMs, 'ms')}; ${result.sweepCombinations} combinations, ${result.sweepEvaluated} valid`,
    ],
    ['peak RSS, one 1M-bar run', `${result.singleRunPeakRssMb} MB`, 'series built and one run done'],
    ['peak RSS, 20 1M-bar runs', `${result.peakRssMb} MB`, 'cold, warm-up and measured runs'],
    [
      'peak RSS, whole benchmark',
      `${result.benchmarkPeakRssMb} MB`,
      `engine process (the swc-node loader process: ${result.loaderRssMb} MB)`,
    ],
    [
      'machine pace',
      `${result.machineMs} ms`,
      `${each(by.machineMs, 'ms')}: a fixed loop outside the engine, ~5 ms at this machine's usual pace`,
    ],
    [
      'processes',
      `${by.singleRunMs.length}`,
      `headline figures are medians over the processes; load average ${result.loadAvg1m} (1 minute, 2 cores)`,
    ],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
}

interface BenchResult {
  /** From wall-clock time (median of 9 runs after one cold run and 10 warm-up runs). */
  singleRunBarsPerSec: number;
  /** Runs on a new 1M-bar range of a loaded series each time (median of 9). */
  rangeRunBarsPerSec: number;
  rangeRunMs: number;
  /** Process CPU time of a run (median): wall time minus waiting for a core on a busy machine. */
  singleRunCpuMs: number;
  /** 1-minute load average when the measurements ended (2 cores here): context for the figures. */
  loadAvg1m: number;
  singleRunMs: number;
  singleRunColdMs: number;
  /** The runs between the cold run and the measured ones, in order: the JIT settling. */
  singleRunWarmupMs: number[];
  googRunMs: number;
  sweepGoogMs: number;
  sweepCombinations: number;
  sweepEvaluated: number;
  /** Peak RSS once the series is built and one 1M-bar run is done: the memory a 1M-bar backtest needs. */
  singleRunPeakRssMb: number;
  /** Peak RSS over the 1M-bar runs (repeated runs leave garbage the GC has not yet returned). */
  peakRssMb: number;
  /** Peak RSS after every measurement. */
  benchmarkPeakRssMb: number;
  /** A fixed arithmetic loop outside the engine (~5 ms when the machine runs at its usual pace). */
  machineMs: number;
  node: string;
}

/** A fixed loop of multiplications and divisions over 1M doubles (not engine code): the machine's pace. */
function machinePace(): number {
  const values = new Float64Array(1_000_000);
  for (let i = 0; i < values.length; i++) values[i] = 1 + (i % 1000) * 1e-6;
  let sink = 0;
  const pass = (): void => {
    let s = 0;
    for (let i = 1; i < values.length; i++) {
      const u = (values[i] - values[i - 1]) / (values[i] + values[i - 1]);
      const u2 = u * u;
      s += 2 * u * (1 + u2 * (1 / 3 + u2 * (1 / 5 + u2 * (1 / 7 + u2 * (1 / 9 + u2 / 11)))));
    }
    sink += s;
  };
  for (let k = 0; k < 5; k++) pass();
  const runs: number[] = [];
  for (let k = 0; k < 7; k++) runs.push(time(pass));
  return sink === sink ? median(runs) : NaN;
}

function measure(): BenchResult {
  const paceBefore = machinePace();
  const smaCross = {
    kind: 'template',
    template: 'sma-cross',
    params: { fast: 10, slow: 30, direction: 'long-short' },
  };

  // 1M-bar single run. The walk is the first million bars of a slightly longer one, whose other
  // ranges serve the range runs below (the same bars as randomWalk(1_000_000)).
  const bars = 1_000_000;
  const ranges = 9;
  const long = randomWalk(bars + ranges);
  const walk = rangeOf(long, 0, bars);
  const coldMs = time(() => runBacktest(walk, smaCross, { cash: 10_000, finalize: true }));
  const singleRunPeakRssMb = round(process.resourceUsage().maxRSS / 1024, 1);
  const warmupMs: number[] = [];
  for (let k = 0; k < 10; k++)
    warmupMs.push(
      round(
        time(() => runBacktest(walk, smaCross, { cash: 10_000, finalize: true })),
        1,
      ),
    );
  const walkRuns: number[] = [];
  const walkCpu: number[] = [];
  for (let k = 0; k < 9; k++) {
    const cpu = process.cpuUsage();
    walkRuns.push(time(() => runBacktest(walk, smaCross, { cash: 10_000, finalize: true })));
    const used = process.cpuUsage(cpu);
    walkCpu.push((used.user + used.system) / 1000);
  }
  const walkMs = median(walkRuns);
  const peakRssMb = round(process.resourceUsage().maxRSS / 1024, 1);

  collectGarbage();
  // A new range each run, from a series validated once as the market-data loader does on load.
  validateSeriesOnce(long);
  const rangeRuns: number[] = [];
  for (let k = 1; k <= ranges; k++) {
    const range = rangeOf(long, k, k + bars);
    rangeRuns.push(time(() => runBacktest(range, smaCross, { cash: 10_000, finalize: true })));
  }
  const rangeMs = median(rangeRuns);

  collectGarbage();
  // GOOG single runs.
  const goog = parseOhlcvCsv(
    readFileSync(join(__dirname, '..', 'data', 'samples', 'GOOG_daily_2004-2013.csv'), 'utf8'),
  );
  const googOptions = { cash: 10_000, finalize: true };
  for (let k = 0; k < 200; k++) runBacktest(goog, smaCross, googOptions);
  const googRuns: number[] = [];
  for (let k = 0; k < 500; k++) googRuns.push(time(() => runBacktest(goog, smaCross, googOptions)));

  // GOOG sweep: 25 × 20 = 500 combinations.
  const fast = Array.from({ length: 25 }, (_, i) => 5 + i);
  const slow = Array.from({ length: 20 }, (_, i) => 10 + 3 * i);
  let sweepInfo = { combinations: 0, evaluated: 0 };
  const sweepRuns: number[] = [];
  for (let k = 0; k < 8; k++) {
    sweepRuns.push(
      time(() => {
        const r = sweep(goog, 'sma-cross', { fast, slow, direction: ['long-short'] }, googOptions, 'sharpe');
        sweepInfo = { combinations: r.combinations, evaluated: r.evaluated };
      }),
    );
  }

  return {
    singleRunBarsPerSec: Math.round(bars / (walkMs / 1000)),
    rangeRunBarsPerSec: Math.round(bars / (rangeMs / 1000)),
    rangeRunMs: round(rangeMs),
    singleRunMs: round(walkMs),
    singleRunColdMs: round(coldMs),
    singleRunWarmupMs: warmupMs,
    googRunMs: round(median(googRuns), 4),
    sweepGoogMs: round(median(sweepRuns)),
    sweepCombinations: sweepInfo.combinations,
    sweepEvaluated: sweepInfo.evaluated,
    singleRunPeakRssMb,
    peakRssMb,
    benchmarkPeakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
    singleRunCpuMs: round(median(walkCpu)),
    loadAvg1m: round(loadavg()[0], 2),
    machineMs: round((paceBefore + machinePace()) / 2),
    node: process.version,
  };
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Bars from..to−1 of a series, as views of its arrays (like a date range from the loader). */
function rangeOf(series: OhlcvSeries, from: number, to: number): OhlcvSeries {
  return {
    time: series.time.subarray(from, to),
    open: series.open.subarray(from, to),
    high: series.high.subarray(from, to),
    low: series.low.subarray(from, to),
    close: series.close.subarray(from, to),
    volume: series.volume.subarray(from, to),
  };
}

type Summary = Omit<BenchResult, 'singleRunWarmupMs'> & {
  singleRunWarmupMs: number[];
  byProcess: {
    singleRunMs: number[];
    rangeRunMs: number[];
    googRunMs: number[];
    sweepGoogMs: number[];
    machineMs: number[];
    singleRunWarmupMs: number[][];
  };
};

/** Medians over the processes for the timings, maxima for memory; every process's timings listed. */
function summarise(runs: BenchResult[]): Summary {
  const med = (pick: (r: BenchResult) => number): number => median(runs.map(pick));
  const middle = [...runs].sort((a, b) => a.singleRunMs - b.singleRunMs)[runs.length >> 1];
  return {
    ...middle,
    singleRunBarsPerSec: med((r) => r.singleRunBarsPerSec),
    singleRunMs: med((r) => r.singleRunMs),
    singleRunCpuMs: med((r) => r.singleRunCpuMs),
    singleRunColdMs: med((r) => r.singleRunColdMs),
    rangeRunBarsPerSec: med((r) => r.rangeRunBarsPerSec),
    rangeRunMs: med((r) => r.rangeRunMs),
    googRunMs: med((r) => r.googRunMs),
    sweepGoogMs: med((r) => r.sweepGoogMs),
    singleRunPeakRssMb: Math.max(...runs.map((r) => r.singleRunPeakRssMb)),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
    benchmarkPeakRssMb: Math.max(...runs.map((r) => r.benchmarkPeakRssMb)),
    machineMs: med((r) => r.machineMs),
    loadAvg1m: round(loadavg()[0], 2),
    byProcess: {
      singleRunMs: runs.map((r) => r.singleRunMs),
      rangeRunMs: runs.map((r) => r.rangeRunMs),
      googRunMs: runs.map((r) => r.googRunMs),
      sweepGoogMs: runs.map((r) => r.sweepGoogMs),
      machineMs: runs.map((r) => r.machineMs),
      singleRunWarmupMs: runs.map((r) => r.singleRunWarmupMs),
    },
  };
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
