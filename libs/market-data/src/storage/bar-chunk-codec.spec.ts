import { emptySeries, type OhlcvSeries } from '../import/ohlcv-series';
import { CorruptChunkError, decodeChunks, encodeChunks, seriesByteSize } from './bar-chunk-codec';

function series(n: number): OhlcvSeries {
  const s = emptySeries(n);
  for (let i = 0; i < n; i++) {
    s.time[i] = 1_600_000_000_000 + i * 60_000;
    s.open[i] = 100 + i / 3;
    s.high[i] = 101 + i / 3;
    s.low[i] = 99 + i / 3;
    s.close[i] = 100.5 + i / 7;
    s.volume[i] = i * 1.25;
  }
  return s;
}

describe('bar chunk codec', () => {
  it('a series split into chunks decodes back to exactly the same values', () => {
    const original = series(1000);
    const chunks = encodeChunks(original, 300);
    expect(chunks.map((c) => c.count)).toEqual([300, 300, 300, 100]);
    expect(chunks[1]).toMatchObject({ chunkIndex: 1, startTime: original.time[300], endTime: original.time[599] });
    // Buffers from the database are copies, not views of the original arrays.
    const fromDb = chunks.map((c) => ({
      count: c.count,
      time: Buffer.from(c.time),
      open: Buffer.from(c.open),
      high: Buffer.from(c.high),
      low: Buffer.from(c.low),
      close: Buffer.from(c.close),
      volume: Buffer.from(c.volume),
    }));
    expect(decodeChunks(fromDb)).toEqual(original);
  });

  it('stores little-endian float64', () => {
    const [chunk] = encodeChunks(series(2));
    expect(chunk.open.readDoubleLE(8)).toBe(100 + 1 / 3);
  });

  it('decodes from unaligned buffers (pg hands out slices at any offset)', () => {
    const [chunk] = encodeChunks(series(5));
    const unaligned = (b: Buffer) => Buffer.concat([Buffer.alloc(3), b]).subarray(3);
    const decoded = decodeChunks([
      {
        count: 5,
        time: unaligned(chunk.time),
        open: unaligned(chunk.open),
        high: unaligned(chunk.high),
        low: unaligned(chunk.low),
        close: unaligned(chunk.close),
        volume: unaligned(chunk.volume),
      },
    ]);
    expect(decoded).toEqual(series(5));
  });

  it('an empty series has no chunks and decodes to empty arrays', () => {
    expect(encodeChunks(emptySeries(0))).toEqual([]);
    expect(decodeChunks([]).time.length).toBe(0);
  });

  it('a column whose length disagrees with the count is reported as corrupt', () => {
    const [chunk] = encodeChunks(series(4));
    expect(() => decodeChunks([{ ...chunk, close: chunk.close.subarray(8) }])).toThrow(CorruptChunkError);
  });

  it('counts the bytes of all six columns', () => {
    expect(seriesByteSize(series(10))).toBe(10 * 8 * 6);
  });
});
