import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiSecurity,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@app/auth';
import { MarketDataApiService, type UploadedCsv } from './market-data-api.service';
import {
  GetMarketBarsQueryDto,
  ImportMarketDataDto,
  ImportMarketDataFormDto,
  MarketBarsPageDto,
  MarketDataImportResultDto,
  MarketSymbolDto,
  MarketSymbolListDto,
} from './market-data.dto';

const uuid = new ParseUUIDPipe({ version: '4', errorHttpStatusCode: 404 });

@ApiTags('market-data')
@ApiBearerAuth('bearer')
@ApiSecurity('apiKey')
@Controller('market-data')
export class MarketDataController {
  constructor(private readonly marketData: MarketDataApiService) {}

  @Post('imports')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportMarketDataFormDto })
  @ApiCreatedResponse({ type: MarketDataImportResultDto, description: 'Admins create public datasets; everyone else private ones' })
  @ApiUnprocessableEntityResponse({ description: 'IMPORT_REJECTED: details.problems lists the lines; nothing was written' })
  @ApiPayloadTooLargeResponse({ description: 'PAYLOAD_TOO_LARGE: the file exceeds UPLOAD_LIMIT_MB' })
  importMarketData(
    @CurrentUser() user: AuthUser,
    @UploadedFile() file: UploadedCsv | undefined,
    @Body() body: ImportMarketDataDto,
  ): Promise<MarketDataImportResultDto> {
    return this.marketData.importUpload(user, file, body);
  }

  @Get('symbols')
  @ApiOkResponse({ type: MarketSymbolListDto, description: "Public datasets and the caller's private ones" })
  listMarketSymbols(@CurrentUser() user: AuthUser): Promise<MarketSymbolListDto> {
    return this.marketData.listSymbols(user);
  }

  @Get('symbols/:id')
  @ApiOkResponse({ type: MarketSymbolDto })
  @ApiNotFoundResponse({ description: "SYMBOL_NOT_FOUND (also for another user's private dataset)" })
  getMarketSymbol(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<MarketSymbolDto> {
    return this.marketData.getSymbol(user, id);
  }

  @Get('symbols/:id/bars')
  @ApiOkResponse({ type: MarketBarsPageDto })
  @ApiNotFoundResponse({ description: "SYMBOL_NOT_FOUND (also for another user's private dataset)" })
  @ApiUnprocessableEntityResponse({ description: 'TIMEFRAME_UNAVAILABLE: finer than, or not a multiple of, the stored timeframe' })
  getMarketBars(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Query() query: GetMarketBarsQueryDto,
  ): Promise<MarketBarsPageDto> {
    return this.marketData.getBars(user, id, query);
  }

  @Delete('symbols/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The dataset and its bars are deleted' })
  @ApiForbiddenResponse({ description: 'Only an admin can delete a public dataset' })
  @ApiNotFoundResponse({ description: 'SYMBOL_NOT_FOUND' })
  deleteMarketSymbol(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<void> {
    return this.marketData.deleteSymbol(user, id);
  }
}
