import { useMemo } from 'react';
import { TimeSeriesChart, type Candle, type ChartMarker } from './TimeSeriesChart';
import type { Point } from './timeSeries';

interface Common {
  label: string;
  height?: number;
  formatValue?: (value: number) => string;
}

export interface LineSeriesInput {
  id: string;
  data: Point[];
  color: string;
  label?: string;
  markers?: ChartMarker[];
}

/** One or more lines on a shared axis (a strategy over its benchmark, several runs compared). */
export function LineChart({ series, ...rest }: Common & { series: LineSeriesInput[] }) {
  const specs = useMemo(() => series.map((s) => ({ kind: 'line' as const, ...s })), [series]);
  return <TimeSeriesChart series={specs} {...rest} />;
}

/** A filled area; `invert` fills from the top down to the line (drawdown under water). */
export function AreaChart({
  data,
  color,
  invert,
  seriesLabel,
  ...rest
}: Common & { data: Point[]; color: string; invert?: boolean; seriesLabel?: string }) {
  const specs = useMemo(
    () => [{ kind: 'area' as const, id: 'area', data, color, invert, label: seriesLabel }],
    [data, color, invert, seriesLabel],
  );
  return <TimeSeriesChart series={specs} {...rest} />;
}

/** OHLC candles, or a close line, with trade markers. */
export function CandleChart({
  data,
  up,
  down,
  markers,
  asLine = false,
  lineColor,
  ...rest
}: Common & { data: Candle[]; up: string; down: string; markers?: ChartMarker[]; asLine?: boolean; lineColor?: string }) {
  const specs = useMemo(
    () =>
      asLine
        ? [
            {
              kind: 'line' as const,
              id: 'close',
              data: data.map((c) => ({ time: c.time, value: c.close })),
              color: lineColor ?? up,
              markers,
            },
          ]
        : [{ kind: 'candle' as const, id: 'ohlc', data, up, down, markers }],
    [data, up, down, markers, asLine, lineColor],
  );
  return <TimeSeriesChart series={specs} {...rest} />;
}
