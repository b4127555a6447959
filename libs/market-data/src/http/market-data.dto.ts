import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PROBLEM_CODES } from '../import/import-report';
import { SUPPORTED_TIMEFRAMES } from '../import/timeframe';
import { TICKER_PATTERN } from '../importer/market-data-import.service';
import { MARKETS, VISIBILITIES } from '../storage/market-symbol.entity';

/** Multipart fields arrive as strings: accept "true"/"false" (anything else fails IsBoolean). */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ImportMarketDataDto {
  @ApiProperty({ example: '005930.KS', description: 'Ticker of the dataset to create or replace' })
  @IsString()
  @Matches(TICKER_PATTERN, { message: 'symbol must be 1-32 letters, digits, ^ . _ = -' })
  symbol!: string;

  @ApiPropertyOptional({ enum: SUPPORTED_TIMEFRAMES, description: 'Declared bar timeframe; detected when omitted' })
  @IsOptional()
  @IsIn(SUPPORTED_TIMEFRAMES)
  timeframe?: string;

  @ApiPropertyOptional({ example: 'Samsung Electronics' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'KRW', description: 'ISO currency code (or a crypto code such as BTC)' })
  @IsOptional()
  @Matches(/^[A-Za-z]{3,5}$/, { message: 'currency must be a 3-5 letter code' })
  currency?: string;

  @ApiPropertyOptional({ enum: MARKETS })
  @IsOptional()
  @IsIn(MARKETS)
  market?: (typeof MARKETS)[number];

  @ApiPropertyOptional({ example: 'Asia/Seoul', description: 'IANA time zone of the exchange' })
  @IsOptional()
  @Matches(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/, { message: 'timezone must be an IANA zone such as Asia/Seoul' })
  @MaxLength(64)
  timezone?: string;

  @ApiPropertyOptional({ description: 'Whether the prices are split/dividend-adjusted' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  adjusted?: boolean;

  @ApiPropertyOptional({ description: 'Drop invalid rows (listed in the report) instead of rejecting the file' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  skipInvalid?: boolean;
}

/** The multipart body as documented: the file plus the fields above. */
export class ImportMarketDataFormDto extends ImportMarketDataDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'CSV file (Yahoo, investing.com, exchange exports...)' })
  file!: unknown;
}

export class GetMarketBarsQueryDto {
  @ApiPropertyOptional({ example: '2020-01-01', description: 'Inclusive start (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2020-12-31T23:59:59Z', description: 'Inclusive end (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: SUPPORTED_TIMEFRAMES, description: 'Stored timeframe by default; coarser ones are resampled' })
  @IsOptional()
  @IsIn(SUPPORTED_TIMEFRAMES)
  timeframe?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 10_000, default: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^-?\d{1,16}$/, { message: 'cursor must be a nextCursor value' })
  cursor?: string;
}

export class MarketSymbolDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '005930.KS' }) ticker!: string;
  @ApiProperty({ example: 'Samsung Electronics' }) name!: string;
  @ApiProperty({ enum: MARKETS }) market!: string;
  @ApiProperty({ example: 'KRW' }) currency!: string;
  @ApiProperty({ example: 'Asia/Seoul' }) timezone!: string;
  @ApiProperty({ enum: SUPPORTED_TIMEFRAMES, description: 'Timeframe of the stored bars' }) timeframe!: string;
  @ApiProperty({ enum: SUPPORTED_TIMEFRAMES, isArray: true, description: 'Timeframes the bars endpoint and backtests can serve' })
  availableTimeframes!: string[];
  @ApiProperty({ description: 'Whether prices are split/dividend-adjusted' }) adjusted!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Where the data comes from' }) source!: string | null;
  @ApiProperty({ enum: VISIBILITIES }) visibility!: string;
  @ApiProperty({ description: "True for the caller's own private dataset" }) ownedByMe!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) firstTime!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastTime!: string | null;
  @ApiProperty() barCount!: number;
  @ApiProperty({ description: 'Changes on every import' }) datasetVersion!: number;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

export class MarketSymbolListDto {
  @ApiProperty({ type: [MarketSymbolDto] }) symbols!: MarketSymbolDto[];
}

export class MarketBarDto {
  @ApiProperty({ description: 'Bar start, epoch milliseconds (UTC)' }) time!: number;
  @ApiProperty() open!: number;
  @ApiProperty() high!: number;
  @ApiProperty() low!: number;
  @ApiProperty() close!: number;
  @ApiProperty() volume!: number;
}

export class MarketBarsPageDto {
  @ApiProperty({ format: 'uuid' }) symbolId!: string;
  @ApiProperty() ticker!: string;
  @ApiProperty({ enum: SUPPORTED_TIMEFRAMES }) timeframe!: string;
  @ApiProperty() datasetVersion!: number;
  @ApiProperty({ type: [MarketBarDto] }) bars!: MarketBarDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}

export class ImportProblemDto {
  @ApiProperty({ description: '1-based line in the file; 0 for whole-file problems' }) line!: number;
  @ApiPropertyOptional({ enum: ['date', 'open', 'high', 'low', 'close', 'volume'] }) column?: string;
  @ApiProperty({ enum: PROBLEM_CODES }) code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional() value?: string;
}

export class ImportReportDto {
  @ApiProperty() rowsRead!: number;
  @ApiProperty() imported!: number;
  @ApiProperty({ description: 'Trading-halt rows whose open/high/low were set to the close' }) repaired!: number;
  @ApiProperty() skipped!: number;
  @ApiProperty({ type: String, nullable: true }) firstDate!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastDate!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: SUPPORTED_TIMEFRAMES }) detectedTimeframe!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: SUPPORTED_TIMEFRAMES }) timeframe!: string | null;
  @ApiProperty({ enum: ['ascending', 'descending', 'unordered'] }) sourceOrder!: string;
  @ApiProperty() headerless!: boolean;
  @ApiProperty({ type: [ImportProblemDto] }) errors!: ImportProblemDto[];
  @ApiProperty() errorCount!: number;
  @ApiProperty({ type: [Number] }) repairedLines!: number[];
  @ApiProperty({ type: [Number] }) skippedLines!: number[];
}

export class MarketDataImportResultDto {
  @ApiProperty({ type: MarketSymbolDto }) symbol!: MarketSymbolDto;
  @ApiProperty({ type: ImportReportDto }) report!: ImportReportDto;
}
