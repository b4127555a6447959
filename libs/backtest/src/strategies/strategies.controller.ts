import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@app/auth';
import { uuidParam } from '../uuid-param';
import {
  CreateStrategyDto,
  StrategyDto,
  StrategyListQueryDto,
  StrategyPageDto,
  StrategyTemplateDto,
  UpdateStrategyDto,
} from './strategies.dto';
import { StrategiesService, strategyNotFound } from './strategies.service';

@ApiTags('strategies')
@ApiBearerAuth('bearer')
@ApiSecurity('apiKey')
@Controller('strategies')
export class StrategiesController {
  constructor(private readonly strategies: StrategiesService) {}

  @Get('templates')
  @ApiOkResponse({
    type: [StrategyTemplateDto],
    description: 'Every template with its parameter schema, for forms',
  })
  listStrategyTemplates(): StrategyTemplateDto[] {
    return this.strategies.listTemplates().map(StrategyTemplateDto.from);
  }

  @Post()
  @ApiCreatedResponse({ type: StrategyDto })
  @ApiBadRequestResponse({
    description: 'VALIDATION_FAILED with details.fields (the spec is checked by the engine)',
  })
  async createStrategy(@CurrentUser() user: AuthUser, @Body() body: CreateStrategyDto): Promise<StrategyDto> {
    return StrategyDto.from(await this.strategies.create(user.id, body));
  }

  @Get()
  @ApiOkResponse({ type: StrategyPageDto })
  async listStrategies(
    @CurrentUser() user: AuthUser,
    @Query() query: StrategyListQueryDto,
  ): Promise<StrategyPageDto> {
    const page = await this.strategies.list(user.id, query);
    return {
      items: page.items.map(StrategyDto.from),
      total: page.total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  @Get(':id')
  @ApiOkResponse({ type: StrategyDto })
  @ApiNotFoundResponse({ description: "Unknown, or another user's private strategy" })
  async getStrategy(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam(strategyNotFound)) id: string,
  ): Promise<StrategyDto> {
    return StrategyDto.from(await this.strategies.getReadable(user.id, id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: StrategyDto })
  @ApiNotFoundResponse({ description: 'Not one of the caller’s strategies' })
  async updateStrategy(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam(strategyNotFound)) id: string,
    @Body() body: UpdateStrategyDto,
  ): Promise<StrategyDto> {
    return StrategyDto.from(await this.strategies.update(user.id, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; past backtests keep their frozen copy' })
  @ApiNotFoundResponse({ description: 'Not one of the caller’s strategies' })
  async deleteStrategy(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam(strategyNotFound)) id: string,
  ): Promise<void> {
    await this.strategies.remove(user.id, id);
  }
}
