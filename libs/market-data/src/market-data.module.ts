import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/common';
import { MarketDataCatalogueService } from './catalogue/market-data-catalogue.service';
import { MarketDataImportService } from './importer/market-data-import.service';
import { MarketDataLoader } from './loader/market-data.loader';
import { BarChunkEntity } from './storage/bar-chunk.entity';
import { MarketDataRepository } from './storage/market-data.repository';
import { MarketSymbolEntity } from './storage/market-symbol.entity';

/**
 * Storage, import, catalogue and the cached loader, for the API and the worker alike (no controllers;
 * the HTTP layer is MarketDataApiModule). The services are plain classes so scripts can build them
 * from a DataSource without Nest.
 */
@Module({
  imports: [TypeOrmModule.forFeature([MarketSymbolEntity, BarChunkEntity])],
  providers: [
    { provide: MarketDataRepository, inject: [DataSource], useFactory: (ds: DataSource) => new MarketDataRepository(ds) },
    {
      provide: MarketDataLoader,
      inject: [MarketDataRepository, APP_CONFIG],
      useFactory: (repository: MarketDataRepository, config: AppConfig) =>
        new MarketDataLoader(repository, { cacheBytes: config.MARKET_DATA_CACHE_MB * 1024 * 1024 }),
    },
    {
      provide: MarketDataImportService,
      inject: [MarketDataRepository, MarketDataLoader],
      useFactory: (repository: MarketDataRepository, loader: MarketDataLoader) =>
        new MarketDataImportService(repository, (id) => loader.invalidate(id)),
    },
    {
      provide: MarketDataCatalogueService,
      inject: [MarketDataRepository, MarketDataLoader],
      useFactory: (repository: MarketDataRepository, loader: MarketDataLoader) =>
        new MarketDataCatalogueService(repository, (id) => loader.invalidate(id)),
    },
  ],
  exports: [MarketDataRepository, MarketDataLoader, MarketDataImportService, MarketDataCatalogueService],
})
export class MarketDataModule {}
