import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AppException, loadConfig } from '@app/common';
import { dataSourceOptions } from '@app/database';
import {
  ImportRejectedException,
  MARKETS,
  MarketDataImportService,
  MarketDataRepository,
  MAX_REPORTED_ERRORS,
  type ImportReport,
  type Market,
} from '@app/market-data';

const USAGE = `usage: npm run -s data:import -- <file> --symbol TICKER [--timeframe 1d] [--name "..."]
       [--currency KRW] [--market ${MARKETS.join('|')}] [--timezone Asia/Seoul] [--adjusted]
       [--source "..."] [--owner <user id>] [--skip-invalid] [--json]`;

function printReport(report: ImportReport): void {
  console.log(`rows read:   ${report.rowsRead}`);
  console.log(`imported:    ${report.imported}`);
  console.log(`repaired:    ${report.repaired}${report.repaired ? ` (lines ${report.repairedLines.slice(0, 20).join(', ')})` : ''}`);
  console.log(`skipped:     ${report.skipped}${report.skipped ? ` (lines ${report.skippedLines.slice(0, 20).join(', ')})` : ''}`);
  console.log(`span:        ${report.firstDate ?? '-'} .. ${report.lastDate ?? '-'}`);
  console.log(`timeframe:   ${report.timeframe ?? '-'} (detected ${report.detectedTimeframe ?? '-'}), source order ${report.sourceOrder}`);
}

function printProblems(report: ImportReport): void {
  for (const problem of report.errors.slice(0, MAX_REPORTED_ERRORS)) {
    console.error(`  ${problem.line > 0 ? `line ${problem.line}` : 'file'}: [${problem.code}] ${problem.message}`);
  }
  const hidden = report.errorCount - Math.min(report.errors.length, MAX_REPORTED_ERRORS);
  if (hidden > 0) console.error(`  ... and ${hidden} more`);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      symbol: { type: 'string' },
      timeframe: { type: 'string' },
      name: { type: 'string' },
      currency: { type: 'string' },
      market: { type: 'string' },
      timezone: { type: 'string' },
      adjusted: { type: 'boolean' },
      source: { type: 'string' },
      owner: { type: 'string' },
      'skip-invalid': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || positionals.length !== 1 || !values.symbol) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  if (values.market !== undefined && !(MARKETS as readonly string[]).includes(values.market)) {
    console.error(`--market must be one of ${MARKETS.join(', ')}`);
    return 2;
  }
  const bytes = readFileSync(positionals[0]);
  const dataSource = await new DataSource(dataSourceOptions(loadConfig().DATABASE_URL, 2)).initialize();
  try {
    const importer = new MarketDataImportService(new MarketDataRepository(dataSource));
    const started = performance.now();
    const { report, symbol } = await importer.import(bytes, {
      symbol: values.symbol,
      timeframe: values.timeframe,
      name: values.name,
      currency: values.currency,
      market: values.market as Market | undefined,
      timezone: values.timezone,
      adjusted: values.adjusted,
      source: values.source,
      ownerId: values.owner ?? null,
      skipInvalid: values['skip-invalid'] ?? false,
    });
    const ms = Math.round(performance.now() - started);
    if (values.json) {
      console.log(JSON.stringify({ ok: true, symbolId: symbol.id, datasetVersion: symbol.datasetVersion, ms, report }));
    } else {
      console.log(`Imported ${symbol.ticker} (${symbol.visibility}, ${symbol.timeframe}) as ${symbol.id}, version ${symbol.datasetVersion}, in ${ms} ms`);
      printReport(report);
      if (report.skipped > 0) printProblems(report);
    }
    return 0;
  } catch (error) {
    if (error instanceof ImportRejectedException) {
      if (values.json) console.log(JSON.stringify({ ok: false, report: error.report }));
      console.error(`Rejected: ${error.report.errorCount} problem(s); nothing was written.`);
      printProblems(error.report);
      return 1;
    }
    if (error instanceof AppException) {
      console.error(`${error.code}: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
