import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppException } from '@app/common';
import { IS_PUBLIC, REQUIRED_ROLES } from '../auth.decorators';
import { AuthService } from '../auth.service';
import type { AuthUser, Role } from '../auth.types';
import { resolveCaller } from './caller';

/**
 * Global guard: every HTTP route needs a valid Bearer token or X-API-Key unless it is @Public();
 * @Roles(...) then restricts by role (403). Public routes still learn the caller when one is given.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // WebSocket handlers authenticate their handshake themselves.
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined>; user?: AuthUser }>();
    const targets = [context.getHandler(), context.getClass()];

    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      const caller = await resolveCaller(req, this.auth).catch(() => null);
      if (caller) req.user = caller;
      return true;
    }

    const caller = await resolveCaller(req, this.auth);
    if (!caller) throw new AppException(401, 'UNAUTHORIZED', 'Authentication required: send a Bearer token or an X-API-Key');
    req.user = caller;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles?.length && !roles.includes(caller.role)) {
      throw new AppException(403, 'FORBIDDEN', `This needs the role ${roles.join(' or ')}`);
    }
    return true;
  }
}
