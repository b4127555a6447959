import type { ImportReport } from '../import/import-report';
import { resampleTargets } from '../resample/resample';
import type { MarketSymbolEntity } from '../storage/market-symbol.entity';
import type { ImportReportDto, MarketSymbolDto } from './market-data.dto';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toMarketSymbolDto(symbol: MarketSymbolEntity, callerId: string): MarketSymbolDto {
  return {
    id: symbol.id,
    ticker: symbol.ticker,
    name: symbol.name,
    market: symbol.market,
    currency: symbol.currency,
    timezone: symbol.timezone,
    timeframe: symbol.timeframe,
    availableTimeframes: resampleTargets(symbol.timeframe),
    adjusted: symbol.adjusted,
    source: symbol.source,
    visibility: symbol.visibility,
    ownedByMe: symbol.ownerId !== null && symbol.ownerId === callerId,
    firstTime: iso(symbol.firstTime),
    lastTime: iso(symbol.lastTime),
    barCount: symbol.barCount,
    datasetVersion: symbol.datasetVersion,
    updatedAt: symbol.updatedAt.toISOString(),
  };
}

export function toImportReportDto(report: ImportReport): ImportReportDto {
  return {
    rowsRead: report.rowsRead,
    imported: report.imported,
    repaired: report.repaired,
    skipped: report.skipped,
    firstDate: report.firstDate,
    lastDate: report.lastDate,
    detectedTimeframe: report.detectedTimeframe,
    timeframe: report.timeframe,
    sourceOrder: report.sourceOrder,
    headerless: report.headerless,
    errors: report.errors,
    errorCount: report.errorCount,
    repairedLines: report.repairedLines,
    skippedLines: report.skippedLines,
  };
}
