import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@app/auth';
import { QueueJobsDto, QueueJobsQueryDto, QueueMetricsDto } from './queue-dashboard.dto';
import { QueueDashboardService } from './queue-dashboard.service';

@ApiTags('queue')
@ApiBearerAuth('bearer')
@ApiSecurity('apiKey')
@Controller('queue')
export class QueueDashboardController {
  constructor(private readonly dashboard: QueueDashboardService) {}

  @Get('metrics')
  @ApiOkResponse({ type: QueueMetricsDto, description: 'Aggregates only: the same for every caller' })
  getQueueMetrics(): Promise<QueueMetricsDto> {
    return this.dashboard.metrics();
  }

  @Get('jobs')
  @ApiOkResponse({
    type: QueueJobsDto,
    description: "Support and admin see everyone's jobs; a trader sees their own",
  })
  listQueueJobs(@CurrentUser() user: AuthUser, @Query() query: QueueJobsQueryDto): Promise<QueueJobsDto> {
    return this.dashboard.jobs(user, query.limit);
  }
}
