import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AuditModule, type AppConfig } from '@app/common';
import { CreditsModule } from '@app/credits';
import { AdminUsersController } from './admin/admin-users.controller';
import { AdminUsersService } from './admin/admin-users.service';
import { ApiKeyEntity } from './api-keys/api-key.entity';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuthController, MeController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuthGuard } from './guards/auth.guard';
import { RefreshTokenEntity } from './tokens/refresh-token.entity';
import { TokensService } from './tokens/tokens.service';
import { UserEntity } from './users/user.entity';
import { UsersService } from './users/users.service';

/**
 * Accounts, sessions, API keys and the global AuthGuard (APP_GUARD). Import it once in the API's
 * root module; other modules use @Public/@Roles/@CurrentUser and, for sockets, AuthService.authenticate.
 */
@Module({
  imports: [
    AuditModule,
    CreditsModule,
    TypeOrmModule.forFeature([UserEntity, RefreshTokenEntity, ApiKeyEntity]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.JWT_ACCESS_SECRET,
        signOptions: { algorithm: 'HS256', expiresIn: config.JWT_ACCESS_TTL_SECONDS },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, MeController, ApiKeysController, AdminUsersController],
  providers: [AuthService, UsersService, TokensService, ApiKeysService, AdminUsersService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, UsersService, CreditsModule],
})
export class AuthModule {}
