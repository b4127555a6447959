/** Chart kit on lightweight-charts. Import only from lazily loaded pages (keeps it out of the initial JS). */
export { AreaChart, CandleChart, LineChart, type LineSeriesInput } from './charts';
export { TimeSeriesChart, type Candle, type ChartMarker, type SeriesSpec, type TimeSeriesChartProps } from './TimeSeriesChart';
export { cssVar, toChartTime, toPoints, type Point } from './timeSeries';
