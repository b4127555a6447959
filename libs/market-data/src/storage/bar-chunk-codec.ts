import { endianness } from 'node:os';
import type { OhlcvSeries } from '../import/ohlcv-series';

/** 16,384 bars = 128 KiB per column per chunk: a million bars is 62 rows. */
export const BAR_CHUNK_SIZE = 16_384;

export const SERIES_COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
export type SeriesColumn = (typeof SERIES_COLUMNS)[number];

export type ChunkColumns = Record<SeriesColumn, Buffer>;

export interface EncodedChunk extends ChunkColumns {
  chunkIndex: number;
  startTime: number;
  endTime: number;
  count: number;
}

const LITTLE_ENDIAN_HOST = endianness() === 'LE';

function toLittleEndianBytes(values: Float64Array): Buffer {
  if (LITTLE_ENDIAN_HOST) return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  const bytes = Buffer.allocUnsafe(values.byteLength);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
  return bytes;
}

function copyLittleEndianBytes(bytes: Uint8Array, target: Float64Array, offset: number): void {
  if (LITTLE_ENDIAN_HOST) {
    new Uint8Array(target.buffer, target.byteOffset, target.byteLength).set(bytes, offset * 8);
    return;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < bytes.byteLength / 8; i++) target[offset + i] = view.getFloat64(i * 8, true);
}

/** Splits an ascending series into chunks of raw little-endian float64 columns (views, no copies on LE hosts). */
export function encodeChunks(series: OhlcvSeries, chunkSize = BAR_CHUNK_SIZE): EncodedChunk[] {
  const chunks: EncodedChunk[] = [];
  const n = series.time.length;
  for (let start = 0, index = 0; start < n; start += chunkSize, index++) {
    const end = Math.min(n, start + chunkSize);
    const column = (name: SeriesColumn) => toLittleEndianBytes(series[name].subarray(start, end));
    chunks.push({
      chunkIndex: index,
      startTime: series.time[start],
      endTime: series.time[end - 1],
      count: end - start,
      time: column('time'),
      open: column('open'),
      high: column('high'),
      low: column('low'),
      close: column('close'),
      volume: column('volume'),
    });
  }
  return chunks;
}

export class CorruptChunkError extends Error {
  override name = 'CorruptChunkError';
}

/** Concatenates chunks (in order) into one series: a byte copy per column per chunk, no per-bar parsing. */
export function decodeChunks(chunks: ReadonlyArray<ChunkColumns & { count: number }>): OhlcvSeries {
  let total = 0;
  for (const chunk of chunks) total += chunk.count;
  const series: OhlcvSeries = {
    time: new Float64Array(total),
    open: new Float64Array(total),
    high: new Float64Array(total),
    low: new Float64Array(total),
    close: new Float64Array(total),
    volume: new Float64Array(total),
  };
  let offset = 0;
  for (const chunk of chunks) {
    for (const name of SERIES_COLUMNS) {
      const bytes = chunk[name];
      if (bytes.byteLength !== chunk.count * 8) {
        throw new CorruptChunkError(`chunk column ${name} has ${bytes.byteLength} bytes for ${chunk.count} bars`);
      }
      copyLittleEndianBytes(bytes, series[name], offset);
    }
    offset += chunk.count;
  }
  return series;
}

/** Bytes held by a series' arrays (what a cache entry costs). */
export function seriesByteSize(series: OhlcvSeries): number {
  let bytes = 0;
  for (const name of SERIES_COLUMNS) bytes += series[name].byteLength;
  return bytes;
}
