import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AppException, AuditService } from '@app/common';
import { CurrentUser, Roles } from '../auth.decorators';
import type { AuthUser } from '../auth.types';
import { AdminUserDto, AdminUserListDto, AuditPageDto, AuditQueryDto, FindUsersQueryDto, UpdateUserAccessDto } from './admin-users.dto';
import { AdminUsersService } from './admin-users.service';

const userIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new AppException(404, 'USER_NOT_FOUND', 'User not found') });

@ApiTags('admin')
@ApiBearerAuth('bearer')
@ApiSecurity('apiKey')
@ApiForbiddenResponse({ description: 'Staff only' })
@Controller('admin')
export class AdminUsersController {
  constructor(
    private readonly users: AdminUsersService,
    private readonly audit: AuditService,
  ) {}

  @Get('users')
  @Roles('support', 'admin')
  @ApiOkResponse({ type: AdminUserListDto, description: 'Newest first' })
  findUsers(@CurrentUser() staff: AuthUser, @Query() query: FindUsersQueryDto): Promise<AdminUserListDto> {
    return this.users.find(staff, query);
  }

  @Get('users/:id')
  @Roles('support', 'admin')
  @ApiOkResponse({ type: AdminUserDto })
  @ApiNotFoundResponse({ description: 'No such user' })
  getUserForStaff(@CurrentUser() staff: AuthUser, @Param('id', userIdPipe) id: string): Promise<AdminUserDto> {
    return this.users.get(staff, id);
  }

  @Patch('users/:id')
  @Roles('admin')
  @ApiOkResponse({ type: AdminUserDto })
  @ApiNotFoundResponse({ description: 'No such user' })
  updateUserAccess(@CurrentUser() admin: AuthUser, @Param('id', userIdPipe) id: string, @Body() body: UpdateUserAccessDto): Promise<AdminUserDto> {
    return this.users.updateAccess(admin, id, body);
  }

  @Get('audit')
  @Roles('admin')
  @ApiOkResponse({ type: AuditPageDto })
  async listAuditLog(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.list(query);
  }
}
