import { spawnSync } from 'child_process';
import { join } from 'path';
import { main, parseArgs, templateParams } from '../../scripts/backtest';

const ROOT = join(__dirname, '..', '..');
const GOOG = join(ROOT, 'data', 'samples', 'GOOG_daily_2004-2013.csv');
const fixture = (name: string) => join(__dirname, 'fixtures', name);

/** Runs the CLI in-process and captures its output. */
function cli(...argv: string[]): { status: number; out: string; err: string } {
  let out = '';
  let err = '';
  const status = main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { status, out, err };
}

describe('backtest CLI: bad input gives exit status 1 and one line naming the problem', () => {
  it.each([
    [['--data', fixture('missing-low-column.csv'), '--strategy', 'sma-cross'], 'error: missing column: Low'],
    [
      ['--data', fixture('unparsable-date.csv'), '--strategy', 'sma-cross'],
      "error: line 3: unparsable date '2020-01-32'",
    ],
    [
      ['--data', fixture('unparsable-close.csv'), '--strategy', 'sma-cross'],
      "error: line 3: unparsable number in column Close: 'ten'",
    ],
    [
      ['--data', fixture('high-below-low.csv'), '--strategy', 'sma-cross'],
      'error: line 3: High (10) < Low (10.2)',
    ],
    [
      ['--data', fixture('zero-open-price.csv'), '--strategy', 'sma-cross'],
      'error: line 3: non-positive price in column Open: 0',
    ],
    [
      ['--data', fixture('three-bars-unix-seconds.csv'), '--strategy', 'sma-cross'],
      'error: too few bars for the warm-up: sma-cross(fast=10, slow=30, direction=long-short) needs at least 31 bars, the data has 3',
    ],
    [
      ['--data', GOOG, '--strategy', 'moon-phase'],
      "error: unknown strategy 'moon-phase' (available: sma-cross,",
    ],
    [
      ['--data', GOOG, '--strategy', 'sma-cross', '--param', 'speed=3'],
      "error: sma-cross: unknown parameter 'speed'",
    ],
    [
      ['--data', GOOG, '--strategy', 'sma-cross', '--param', 'fast=0'],
      'error: invalid parameter for sma-cross: fast must be >= 1 (got 0)',
    ],
    [
      ['--data', GOOG, '--strategy', 'sma-cross', '--param', 'fast=40'],
      'error: invalid parameter for sma-cross: fast must be less than slow',
    ],
    [
      ['--data', GOOG, '--strategy', 'sma-cross', '--param', 'fast=abc'],
      "error: invalid parameter for sma-cross: fast must be a number, got 'abc'",
    ],
    [
      ['--data', GOOG, '--strategy', 'sma-cross', '--param', 'direction=up'],
      'error: invalid parameter for sma-cross: direction must be one of',
    ],
    [
      ['--data', GOOG, '--strategy', 'sma-cross', '--commission', '0.5'],
      'error: invalid option: commission must be < 0.1',
    ],
    [
      ['--data', GOOG, '--strategy', 'sma-cross', '--cash', 'lots'],
      "error: --cash must be a number, got 'lots'",
    ],
    [['--data', GOOG, '--strategy', 'sma-cross', '--leverage', '2'], 'error: unknown option --leverage'],
    [
      ['--data', GOOG, '--strategy', 'sma-cross', '--param', 'fast'],
      "error: --param expects name=value, got 'fast'",
    ],
    [['--strategy', 'sma-cross'], 'error: missing --data <file.csv>'],
    [['--data', GOOG], 'error: missing --strategy <template> or --rules <file.json>'],
    [['--data', fixture('no-such-file.csv'), '--strategy', 'sma-cross'], 'error: cannot read data file'],
    [['--data', GOOG, '--rules', fixture('rules-truncated-json.txt')], 'is not valid JSON'],
  ])('%j', (argv, message) => {
    const { status, out, err } = cli(...argv);
    expect(status).toBe(1);
    expect(out).toBe('');
    expect(err.startsWith(message) || err.includes(message)).toBe(true);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('backtest CLI argument handling', () => {
  it('parses flags, --flag=value and repeated --param', () => {
    const args = parseArgs([
      '--data=x.csv',
      '--strategy',
      'sma-cross',
      '--param',
      'fast=5',
      '--param',
      'slow=20',
      '--finalize',
      '--trade-on-close',
      '--fractional',
      '--spread',
      '0.001',
      '--json',
    ]);
    expect(args).toMatchObject({
      data: 'x.csv',
      strategy: 'sma-cross',
      params: [
        ['fast', '5'],
        ['slow', '20'],
      ],
      options: { finalize: true, tradeOnClose: true, fractional: true, spread: 0.001 },
      json: true,
    });
  });

  it('converts numeric template parameters and leaves enums as text', () => {
    expect(
      templateParams('sma-cross', [
        ['fast', '5'],
        ['direction', 'long-only'],
      ]),
    ).toEqual({ fast: 5, direction: 'long-only' });
  });

  it('prints a readable table with units', () => {
    const { status, out } = cli(
      '--data',
      GOOG,
      '--strategy',
      'sma-cross',
      '--param',
      'fast=10',
      '--param',
      'slow=30',
      '--finalize',
    );
    expect(status).toBe(0);
    expect(out).toMatch(/Equity final \[currency\]\s+51,422\.99/);
    expect(out).toMatch(/Return\s+414\.23 %/);
    expect(out).toMatch(/Max\. drawdown duration\s+584 days/);
    expect(out).not.toMatch(/NaN|Infinity/);
  });

  it('runs a rules file', () => {
    const { status, out } = cli(
      '--data',
      GOOG,
      '--rules',
      fixture('rules-sma-10-30-long-only.json'),
      '--json',
    );
    expect(status).toBe(0);
    expect(JSON.parse(out).metrics.trades).toBeGreaterThan(0);
  });
});

describe('backtest CLI as a process', () => {
  const run = (...argv: string[]) =>
    spawnSync(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'scripts', 'backtest.ts'), ...argv], {
      cwd: ROOT,
      encoding: 'utf8',
    });

  it('--json prints exactly one JSON object with metrics and trades (the reference run)', () => {
    const child = run(
      '--data',
      GOOG,
      '--strategy',
      'sma-cross',
      '--param',
      'fast=10',
      '--param',
      'slow=30',
      '--param',
      'direction=long-short',
      '--cash',
      '10000',
      '--finalize',
      '--json',
    );
    expect(child.status).toBe(0);
    expect(child.stderr).toBe('');
    const lines = child.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const parsed = JSON.parse(lines[0]) as { metrics: Record<string, number>; trades: unknown[] };
    expect(Object.keys(parsed)).toEqual(['metrics', 'trades']);
    expect(parsed.metrics.equityFinal).toBeCloseTo(51422.99, 6);
    expect(parsed.metrics.sharpe).toBeCloseTo(0.5806232244, 9);
    expect(parsed.trades).toHaveLength(66);
  });

  it('exits non-zero with one line on stderr for bad input', () => {
    const child = run('--data', fixture('high-below-low.csv'), '--strategy', 'sma-cross', '--json');
    expect(child.status).toBe(1);
    expect(child.stdout).toBe('');
    expect(child.stderr).toBe('error: line 3: High (10) < Low (10.2)\n');
  });
});
