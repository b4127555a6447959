import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AuthService } from '../auth.service';
import { resolveCaller } from './caller';

/**
 * Rate limits per authenticated user (many users may share one IP, e.g. behind a NAT or a load
 * tester) and per IP for anonymous callers or bad credentials. The storage keeps the counters under
 * REDIS_PREFIX (see the API's PrefixedThrottlerStorage), so trackers need not carry it.
 */
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  @Inject(AuthService) private readonly auth!: AuthService;

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const caller = req?.headers ? await resolveCaller(req as Parameters<typeof resolveCaller>[0], this.auth).catch(() => null) : null;
    return caller ? `user:${caller.id}` : `ip:${await super.getTracker(req)}`;
  }
}
