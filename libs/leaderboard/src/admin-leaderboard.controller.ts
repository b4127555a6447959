import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { LeaderboardRefreshResultDto } from './leaderboard.dto';
import { LeaderboardRefresher } from './leaderboard-refresher.service';

@ApiTags('admin')
@ApiBearerAuth('bearer')
@ApiSecurity('apiKey')
@ApiForbiddenResponse({ description: 'Staff only' })
@Controller('admin/leaderboard')
export class AdminLeaderboardController {
  constructor(private readonly refresher: LeaderboardRefresher) {}

  @Post('refresh')
  @HttpCode(200)
  @Roles('support', 'admin')
  @ApiOkResponse({ type: LeaderboardRefreshResultDto, description: 'Refreshes the aggregate now (and invalidates the cache), unless a refresh is already running' })
  refreshLeaderboard(): Promise<LeaderboardRefreshResultDto> {
    return this.refresher.refresh();
  }
}
