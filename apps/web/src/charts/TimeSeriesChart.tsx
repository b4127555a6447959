import {
  AreaSeries,
  CandlestickSeries,
  ColorType,
  createChart,
  createSeriesMarkers,
  CrosshairMode,
  LineSeries,
  type IChartApi,
  type ISeriesApi,
  type SeriesMarker,
  type SeriesType,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { toIntlLocale } from '../lib/format';
import { cssVar, type Point } from './timeSeries';
import './charts.css';

export interface Candle {
  time: UTCTimestamp;
  open: number;
  high: number;
  low: number;
  close: number;
}

export interface ChartMarker {
  time: UTCTimestamp;
  position: 'aboveBar' | 'belowBar' | 'inBar';
  shape: 'arrowUp' | 'arrowDown' | 'circle' | 'square';
  color: string;
  text?: string;
}

export type SeriesSpec =
  | { kind: 'line'; id: string; data: Point[]; color: string; label?: string; lineWidth?: 1 | 2 | 3; markers?: ChartMarker[] }
  | {
      kind: 'area';
      id: string;
      data: Point[];
      color: string;
      label?: string;
      /** Fill from the line down (default) or from the top down to the line (drawdown). */
      invert?: boolean;
      markers?: ChartMarker[];
    }
  | { kind: 'candle'; id: string; data: Candle[]; up: string; down: string; label?: string; markers?: ChartMarker[] };

export interface TimeSeriesChartProps {
  series: SeriesSpec[];
  /** Accessible description of the picture (the chart itself is a canvas). */
  label: string;
  height?: number;
  /** Formats the price scale and crosshair values (locale-aware currency, percent…). */
  formatValue?: (value: number) => string;
  className?: string;
}

function hexToRgba(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return color;
  const n = parseInt(m[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/**
 * One lightweight-charts chart: any number of line/area/candle series on a shared time axis, with
 * markers, locale-aware date and value formatting, and a ResizeObserver that keeps its width.
 */
export function TimeSeriesChart({ series, label, height = 280, formatValue, className }: TimeSeriesChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<IChartApi | null>(null);
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const formatRef = useRef(formatValue);
  formatRef.current = formatValue;

  // The chart lives as long as the component; language changes rebuild it (formatters are fixed).
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const locale = toIntlLocale(language);
    const dateFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
    const chart = createChart(container, {
      width: container.clientWidth || 600,
      height,
      layout: {
        background: { type: ColorType.Solid, color: 'transparent' },
        textColor: cssVar('--color-text-muted', '#4b5563'),
        fontFamily: cssVar('--font-sans', 'system-ui, sans-serif'),
        fontSize: 11,
        attributionLogo: false,
      },
      grid: {
        vertLines: { color: cssVar('--color-border', '#e2e6ec') },
        horzLines: { color: cssVar('--color-border', '#e2e6ec') },
      },
      rightPriceScale: { borderVisible: false },
      timeScale: { borderVisible: false, fixLeftEdge: true, fixRightEdge: true },
      crosshair: { mode: CrosshairMode.Magnet },
      localization: {
        locale,
        priceFormatter: (value: number) => (formatRef.current ? formatRef.current(value) : value.toLocaleString(locale)),
        timeFormatter: (time: Time) => (typeof time === 'number' ? dateFormat.format(time * 1000) : String(time)),
      },
    });
    chartRef.current = chart;
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver((entries) => {
            const width = Math.floor(entries[0]?.contentRect.width ?? 0);
            if (width > 0 && width !== chart.options().width) {
              chart.applyOptions({ width });
              chart.timeScale().fitContent();
            }
          });
    observer?.observe(container);
    return () => {
      observer?.disconnect();
      chart.remove();
      chartRef.current = null;
    };
  }, [height, language]);

  // Series are replaced whenever their specs change.
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    const created: ISeriesApi<SeriesType>[] = [];
    for (const spec of series) {
      let api: ISeriesApi<SeriesType>;
      if (spec.kind === 'line') {
        api = chart.addSeries(LineSeries, {
          color: spec.color,
          lineWidth: spec.lineWidth ?? 2,
          title: spec.label ?? '',
          priceLineVisible: false,
        });
        api.setData(spec.data);
      } else if (spec.kind === 'area') {
        api = chart.addSeries(AreaSeries, {
          lineColor: spec.color,
          lineWidth: 2,
          topColor: hexToRgba(spec.color, spec.invert ? 0.05 : 0.28),
          bottomColor: hexToRgba(spec.color, spec.invert ? 0.35 : 0.02),
          invertFilledArea: spec.invert ?? false,
          title: spec.label ?? '',
          priceLineVisible: false,
        });
        api.setData(spec.data);
      } else {
        api = chart.addSeries(CandlestickSeries, {
          upColor: spec.up,
          downColor: spec.down,
          borderUpColor: spec.up,
          borderDownColor: spec.down,
          wickUpColor: spec.up,
          wickDownColor: spec.down,
          title: spec.label ?? '',
          priceLineVisible: false,
        });
        api.setData(spec.data);
      }
      if (spec.markers && spec.markers.length > 0) {
        const sorted = [...spec.markers].sort((a, b) => a.time - b.time) as SeriesMarker<Time>[];
        createSeriesMarkers(api, sorted);
      }
      created.push(api);
    }
    chart.timeScale().fitContent();
    return () => {
      for (const api of created) {
        try {
          chart.removeSeries(api);
        } catch {
          /* the chart was removed first */
        }
      }
    };
  }, [series]);

  return (
    <figure className={['ts-chart', className].filter(Boolean).join(' ')} role="img" aria-label={label}>
      <div ref={containerRef} className="ts-chart__canvas" style={{ height }} data-testid="chart" />
    </figure>
  );
}
