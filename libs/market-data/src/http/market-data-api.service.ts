import { Injectable } from '@nestjs/common';
import { AppException } from '@app/common';
import type { AuthUser } from '@app/auth';
import { MarketDataCatalogueService, type MarketDataCaller } from '../catalogue/market-data-catalogue.service';
import { MarketDataImportService } from '../importer/market-data-import.service';
import { MarketDataLoader } from '../loader/market-data.loader';
import type {
  GetMarketBarsQueryDto,
  ImportMarketDataDto,
  MarketBarDto,
  MarketBarsPageDto,
  MarketDataImportResultDto,
  MarketSymbolListDto,
} from './market-data.dto';
import { toImportReportDto, toMarketSymbolDto } from './market-data.mapper';

export const DEFAULT_BARS_PAGE = 1000;

/** The part of a multer file the import needs. */
export interface UploadedCsv {
  buffer: Buffer;
  originalname?: string;
  size: number;
}

const callerOf = (user: AuthUser): MarketDataCaller => ({ id: user.id, isAdmin: user.role === 'admin' });

/** HTTP use cases: who may do what, and the response shapes. */
@Injectable()
export class MarketDataApiService {
  constructor(
    private readonly importer: MarketDataImportService,
    private readonly catalogue: MarketDataCatalogueService,
    private readonly loader: MarketDataLoader,
  ) {}

  /** An admin's upload becomes a public dataset; anyone else's a private one only they can use. */
  async importUpload(user: AuthUser, file: UploadedCsv | undefined, form: ImportMarketDataDto): Promise<MarketDataImportResultDto> {
    if (!file) throw new AppException(400, 'FILE_REQUIRED', 'Attach the CSV as the multipart field "file"');
    const { report, symbol } = await this.importer.import(file.buffer, {
      symbol: form.symbol,
      timeframe: form.timeframe,
      name: form.name,
      currency: form.currency,
      market: form.market,
      timezone: form.timezone,
      adjusted: form.adjusted,
      skipInvalid: form.skipInvalid,
      source: user.role === 'admin' ? undefined : `upload by ${user.email}`,
      ownerId: user.role === 'admin' ? null : user.id,
    });
    return { symbol: toMarketSymbolDto(symbol, user.id), report: toImportReportDto(report) };
  }

  async listSymbols(user: AuthUser): Promise<MarketSymbolListDto> {
    const symbols = await this.catalogue.listSymbols(callerOf(user));
    return { symbols: symbols.map((symbol) => toMarketSymbolDto(symbol, user.id)) };
  }

  async getSymbol(user: AuthUser, id: string) {
    return toMarketSymbolDto(await this.catalogue.getVisibleSymbol(callerOf(user), id), user.id);
  }

  /** A page of bars from `from` (or the cursor) to `to`, through the loader's cache. */
  async getBars(user: AuthUser, id: string, query: GetMarketBarsQueryDto): Promise<MarketBarsPageDto> {
    const cursor = query.cursor === undefined ? undefined : Number(query.cursor);
    const from = query.from === undefined ? undefined : Date.parse(query.from);
    const start = cursor === undefined ? from : from === undefined ? cursor : Math.max(from, cursor);
    const loaded = await this.loader.load({
      symbolId: id,
      ownerId: user.id,
      timeframe: query.timeframe,
      from: start,
      to: query.to === undefined ? undefined : Date.parse(query.to),
    });
    const { series } = loaded;
    const limit = query.limit ?? DEFAULT_BARS_PAGE;
    const count = Math.min(limit, series.time.length);
    const bars: MarketBarDto[] = new Array(count);
    for (let i = 0; i < count; i++) {
      bars[i] = {
        time: series.time[i],
        open: series.open[i],
        high: series.high[i],
        low: series.low[i],
        close: series.close[i],
        volume: series.volume[i],
      };
    }
    return {
      symbolId: loaded.symbol.id,
      ticker: loaded.symbol.ticker,
      timeframe: loaded.timeframe,
      datasetVersion: loaded.datasetVersion,
      bars,
      nextCursor: series.time.length > count ? String(series.time[count]) : null,
    };
  }

  deleteSymbol(user: AuthUser, id: string): Promise<void> {
    return this.catalogue.deleteSymbol(callerOf(user), id);
  }
}
