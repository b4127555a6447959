import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { Public } from '@app/auth';
import { AppException } from '@app/common';
import { LivenessDto, ReadinessDto } from './health.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOkResponse({ type: LivenessDto })
  getLiveness(): LivenessDto {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  @Get('ready')
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ description: 'A dependency failed; the error names it' })
  async getReadiness(@Res({ passthrough: true }) res: Response): Promise<ReadinessDto> {
    const dependencies = await this.health.readiness();
    const failed = dependencies.filter((d) => !d.ok);
    if (failed.length > 0) {
      res.setHeader('Retry-After', '5');
      throw new AppException(503, 'DEPENDENCY_UNAVAILABLE', `Not ready: ${failed.map((d) => `${d.name} (${d.error})`).join(', ')}`, {
        failed: failed.map((d) => d.name),
        dependencies,
      });
    }
    return { status: 'ready', dependencies };
  }
}
