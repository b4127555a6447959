import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser, Public } from './auth.decorators';
import { AuthSessionDto, LogInDto, MeDto, RefreshTokenDto, SignUpDto, UpdateMeDto } from './auth.dto';
import { AuthService } from './auth.service';
import type { AuthUser } from './auth.types';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('signup')
  @ApiCreatedResponse({ type: AuthSessionDto })
  @ApiConflictResponse({ description: 'EMAIL_TAKEN' })
  signUp(@Body() body: SignUpDto): Promise<AuthSessionDto> {
    return this.auth.signUp(body);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthSessionDto })
  @ApiUnauthorizedResponse({ description: 'INVALID_CREDENTIALS' })
  logIn(@Body() body: LogInDto): Promise<AuthSessionDto> {
    return this.auth.logIn(body.email, body.password);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthSessionDto, description: 'A new access token and the next refresh token; the one sent is used up' })
  @ApiUnauthorizedResponse({ description: 'INVALID_REFRESH_TOKEN, REFRESH_TOKEN_EXPIRED or REFRESH_TOKEN_REUSED (the whole family is revoked)' })
  refreshSession(@Body() body: RefreshTokenDto): Promise<AuthSessionDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The refresh token and every token of its family are revoked' })
  async logOut(@Body() body: RefreshTokenDto): Promise<void> {
    await this.auth.logOut(body.refreshToken);
  }
}

@ApiTags('auth')
@ApiBearerAuth('bearer')
@ApiSecurity('apiKey')
@Controller('me')
export class MeController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @ApiOkResponse({ type: MeDto })
  getMe(@CurrentUser() user: AuthUser): Promise<MeDto> {
    return this.auth.getMe(user.id);
  }

  @Patch()
  @ApiOkResponse({ type: MeDto })
  updateMe(@CurrentUser() user: AuthUser, @Body() body: UpdateMeDto): Promise<MeDto> {
    return this.auth.updateMe(user.id, body);
  }
}
