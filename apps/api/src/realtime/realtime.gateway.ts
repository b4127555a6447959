import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { AuthService, type AuthUser } from '@app/auth';
import { authenticateSocket, userRoom } from './socket-auth';

export const PUBLIC_ROOMS = ['system'] as const;

interface SocketData {
  user?: AuthUser;
}

/**
 * The socket.io entry point. Every connection must authenticate in its handshake (a JWT or an API
 * key); it is then placed in its user's room `user:<id>`, where domain events are emitted. Clients
 * can join public rooms only, so no one can listen to another user's room.
 */
@WebSocketGateway({ cors: { origin: true, credentials: true } })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(RealtimeGateway.name);
  @WebSocketServer() server!: Server;

  constructor(private readonly auth: AuthService) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      authenticateSocket(socket, this.auth).then(
        (user) => {
          if (!user)
            return next(
              Object.assign(new Error('UNAUTHORIZED'), {
                data: { code: 'UNAUTHORIZED', message: 'Authenticate with auth: { token } or { apiKey }' },
              }),
            );
          (socket.data as SocketData).user = user;
          next();
        },
        (error: Error) => next(error),
      );
    });
  }

  async handleConnection(client: Socket): Promise<void> {
    const user = (client.data as SocketData).user;
    if (!user) {
      client.disconnect(true);
      return;
    }
    await client.join(userRoom(user.id));
    this.logger.debug(`socket ${client.id} of user ${user.id} connected`);
  }

  @SubscribeMessage('join')
  async join(
    @ConnectedSocket() client: Socket,
    @MessageBody() room: unknown,
  ): Promise<{ ok: boolean; room?: string; error?: string }> {
    if (typeof room !== 'string' || !(PUBLIC_ROOMS as readonly string[]).includes(room)) {
      return { ok: false, error: 'UNKNOWN_ROOM' };
    }
    await client.join(room);
    return { ok: true, room };
  }

  /** Emits to the sockets of this user connected to THIS instance (the caller fans out per instance). */
  emitToUserLocally(userId: string, event: string, payload: unknown): void {
    this.server.local.to(userRoom(userId)).emit(event, payload);
  }
}
