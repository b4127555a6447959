import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '@app/common';
import { AuthService } from '../auth.service';
import { resolveCaller } from './caller';

/**
 * Rate limits per authenticated user (many users may share one IP, e.g. behind a NAT or a load
 * tester) and per IP for anonymous callers or bad credentials. Trackers carry REDIS_PREFIX so that
 * deployments (and test files) sharing one Redis do not share counters.
 */
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  @Inject(AuthService) private readonly auth!: AuthService;
  @Inject(APP_CONFIG) private readonly config!: AppConfig;

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const caller = req?.headers ? await resolveCaller(req as Parameters<typeof resolveCaller>[0], this.auth).catch(() => null) : null;
    const tracker = caller ? `user:${caller.id}` : `ip:${await super.getTracker(req)}`;
    return `${this.config.REDIS_PREFIX}:${tracker}`;
  }
}
