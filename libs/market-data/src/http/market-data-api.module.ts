import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '@app/common';
import { MarketDataModule } from '../market-data.module';
import { MarketDataApiService } from './market-data-api.service';
import { MarketDataController } from './market-data.controller';

/** The HTTP API of market data (API process only). Uploads stay in memory, capped by UPLOAD_LIMIT_MB. */
@Module({
  imports: [
    MarketDataModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.UPLOAD_LIMIT_MB * 1024 * 1024, files: 1, fields: 20, fieldSize: 64 * 1024 },
      }),
    }),
  ],
  controllers: [MarketDataController],
  providers: [MarketDataApiService],
})
export class MarketDataApiModule {}
