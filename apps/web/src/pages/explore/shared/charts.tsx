import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/** Distinct colours for overlaid series (colour-blind friendly order, readable on white). */
export const SERIES_COLORS = [
  '#1d4ed8',
  '#d97706',
  '#059669',
  '#7c3aed',
  '#db2777',
  '#0891b2',
  '#65a30d',
  '#475569',
];

export interface LinePoint {
  x: number;
  y: number;
}

export interface LineSeries {
  id: string;
  label: string;
  color: string;
  points: LinePoint[];
}

export interface LineChartProps {
  series: LineSeries[];
  /** Accessible name of the picture. */
  label: string;
  formatX: (x: number) => string;
  formatY: (y: number) => string;
  height?: number;
  /** Draw a dashed reference line (e.g. 100 for normalised equity). */
  baseline?: number;
  /** Never shrink the y range below this top value (e.g. 1 job/s), so flat zero lines stay at the bottom. */
  minYMax?: number;
  yFromZero?: boolean;
  legend?: boolean;
}

function niceTicks(min: number, max: number, count = 4): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step)
    ticks.push(Number(v.toFixed(10)));
  return ticks;
}

/**
 * A small responsive SVG line chart (several series, shared axes). Used for the queue's rolling
 * metrics and the per-run overlay; the picture has a text alternative through `label` and the legend.
 */
export function LineChart({
  series,
  label,
  formatX,
  formatY,
  height = 220,
  baseline,
  minYMax,
  yFromZero,
  legend = true,
}: LineChartProps) {
  const titleId = useId();
  // Drawn at the container's real pixel width so that text and strokes keep their size on any screen.
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(640);
  useEffect(() => {
    const element = box.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const next = Math.round(entry.contentRect.width);
      if (next > 0) setWidth(next);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const pad = { top: 12, right: 12, bottom: 26, left: 56 };
  const all = series.flatMap((s) => s.points);
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  if (baseline !== undefined) ys.push(baseline);
  let xMin = Math.min(...xs);
  let xMax = Math.max(...xs);
  let yMin = yFromZero ? 0 : Math.min(...ys);
  let yMax = Math.max(...ys, minYMax ?? -Infinity);
  if (!Number.isFinite(xMin)) [xMin, xMax] = [0, 1];
  if (xMax === xMin) xMax = xMin + 1;
  if (!Number.isFinite(yMin) || !Number.isFinite(yMax)) [yMin, yMax] = [0, 1];
  if (yMax === yMin) yMax = yMin + 1;
  const span = yMax - yMin;
  if (!yFromZero) yMin -= span * 0.05;
  yMax += span * 0.05;
  const sx = (x: number) => pad.left + ((x - xMin) / (xMax - xMin)) * (width - pad.left - pad.right);
  const sy = (y: number) => pad.top + (1 - (y - yMin) / (yMax - yMin)) * (height - pad.top - pad.bottom);
  const yTicks = niceTicks(yMin, yMax);
  const xTicks = width < 420 ? [xMin, xMax] : [xMin, xMin + (xMax - xMin) / 2, xMax];

  return (
    <figure className="ex-chart">
      <div ref={box} className="ex-chart__box">
        <svg
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          role="img"
          aria-labelledby={titleId}
          className="ex-chart__svg"
        >
          <title id={titleId}>{label}</title>
          {yTicks.map((tick) => (
            <g key={tick}>
              <line
                x1={pad.left}
                x2={width - pad.right}
                y1={sy(tick)}
                y2={sy(tick)}
                className="ex-chart__grid"
              />
              <text
                x={pad.left - 6}
                y={sy(tick)}
                className="ex-chart__tick"
                textAnchor="end"
                dominantBaseline="middle"
              >
                {formatY(tick)}
              </text>
            </g>
          ))}
          {xTicks.map((tick, i) => (
            <text
              key={i}
              x={sx(tick)}
              y={height - 6}
              className="ex-chart__tick"
              textAnchor={i === 0 ? 'start' : i === xTicks.length - 1 ? 'end' : 'middle'}
            >
              {formatX(tick)}
            </text>
          ))}
          {baseline !== undefined && (
            <line
              x1={pad.left}
              x2={width - pad.right}
              y1={sy(baseline)}
              y2={sy(baseline)}
              className="ex-chart__baseline"
            />
          )}
          {series.map((s) =>
            s.points.length === 1 ? (
              <circle key={s.id} cx={sx(s.points[0].x)} cy={sy(s.points[0].y)} r={3} fill={s.color} />
            ) : (
              <polyline
                key={s.id}
                fill="none"
                stroke={s.color}
                strokeWidth={2}
                strokeLinejoin="round"
                points={s.points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ')}
              />
            ),
          )}
        </svg>
      </div>
      {legend && <Legend items={series.map((s) => ({ id: s.id, label: s.label, color: s.color }))} />}
    </figure>
  );
}

export function Legend({ items }: { items: { id: string; label: ReactNode; color: string }[] }) {
  return (
    <ul className="ex-legend">
      {items.map((item) => (
        <li key={item.id}>
          <span className="ex-legend__swatch" style={{ background: item.color }} aria-hidden="true" />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

export interface BarDatum {
  id: string;
  label: string;
  value: number | null;
  valueText: string;
}

/** Horizontal bars around a zero line (negative values go left), labels and values as text. */
export function BarChart({ data, label }: { data: BarDatum[]; label: string }) {
  const values = data.map((d) => d.value ?? 0);
  const maxAbs = Math.max(1e-9, ...values.map((v) => Math.abs(v)));
  const hasNegative = values.some((v) => v < 0);
  return (
    <figure className="ex-bars" aria-label={label} role="group">
      <ul className="ex-bars__list">
        {data.map((d) => {
          const v = d.value ?? 0;
          const share = (Math.abs(v) / maxAbs) * (hasNegative ? 50 : 100);
          const left = hasNegative ? (v < 0 ? 50 - share : 50) : 0;
          return (
            <li key={d.id} className="ex-bars__row">
              <span className="ex-bars__label">{d.label}</span>
              <span className="ex-bars__track" aria-hidden="true">
                {hasNegative && <span className="ex-bars__zero" />}
                <span
                  className={`ex-bars__fill ${v < 0 ? 'ex-bars__fill--loss' : 'ex-bars__fill--gain'}`}
                  style={{ left: `${left}%`, width: `${share}%` }}
                />
              </span>
              <span className={`ex-bars__value num ${v < 0 ? 'ex-loss' : v > 0 ? 'ex-gain' : ''}`}>
                {d.valueText}
              </span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
