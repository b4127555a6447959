import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';

export const PUBLIC_ROOMS = ['system'] as const;

/** The socket.io entry point. Clients join rooms; domain events are emitted to rooms by RealtimeEmitter. */
@WebSocketGateway({ cors: { origin: true, credentials: true } })
export class RealtimeGateway implements OnGatewayConnection {
  private readonly logger = new Logger(RealtimeGateway.name);
  @WebSocketServer() server!: Server;

  handleConnection(client: Socket): void {
    this.logger.debug(`socket ${client.id} connected`);
  }

  @SubscribeMessage('join')
  async join(@ConnectedSocket() client: Socket, @MessageBody() room: unknown): Promise<{ ok: boolean; room?: string; error?: string }> {
    if (typeof room !== 'string' || !(PUBLIC_ROOMS as readonly string[]).includes(room)) {
      return { ok: false, error: 'UNKNOWN_ROOM' };
    }
    await client.join(room);
    return { ok: true, room };
  }
}
