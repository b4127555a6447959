import { readFileSync } from 'fs';
import { EngineError, parseOhlcvCsvWithLines, type ParsedCsv } from '../../libs/engine/src';

/**
 * Reads an OHLCV CSV file for the CLI. Parsing is the engine's pure `parseOhlcvCsv` (line-numbered
 * errors); this only adds the file system and turns I/O failures into one-line errors.
 */
export function readOhlcvCsvFile(path: string): ParsedCsv {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code ?? error);
    throw new EngineError('CSV_EMPTY', `cannot read data file ${path}: ${reason}`);
  }
  return parseOhlcvCsvWithLines(text);
}
