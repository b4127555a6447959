import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AppException } from '@app/common';
import { CurrentUser } from '../auth.decorators';
import type { AuthUser } from '../auth.types';
import { ApiKeyDto, ApiKeyListDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-keys.dto';
import { ApiKeysService } from './api-keys.service';

@ApiTags('api-keys')
@ApiBearerAuth('bearer')
@ApiSecurity('apiKey')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyDto, description: 'The key is in the answer this once' })
  @ApiConflictResponse({ description: 'Too many active keys' })
  async createApiKey(@CurrentUser() user: AuthUser, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const { entity, key } = await this.apiKeys.create(user.id, body.name);
    return { ...ApiKeyDto.from(entity), key };
  }

  @Get()
  @ApiOkResponse({ type: ApiKeyListDto })
  async listApiKeys(@CurrentUser() user: AuthUser): Promise<ApiKeyListDto> {
    return { items: (await this.apiKeys.list(user.id)).map(ApiKeyDto.from) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiNotFoundResponse({ description: 'No such key of yours' })
  async revokeApiKey(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new AppException(404, 'NOT_FOUND', 'API key not found') })) id: string): Promise<void> {
    await this.apiKeys.revoke(user.id, id);
  }
}
