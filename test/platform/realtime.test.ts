import { io, type Socket } from 'socket.io-client';
import { RealtimeGateway } from '../../apps/api/src/realtime/realtime.gateway';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';
import { signUpUser } from '../support/auth';

// Sockets must authenticate in the handshake (issue 6): every client here uses a fresh user's token.
let token = '';

function connect(url: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'], reconnection: false, auth: { token } });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

describe('socket.io over the Redis adapter', () => {
  let env: TestEnv;
  let a: Awaited<ReturnType<typeof startTestApi>>;
  let b: Awaited<ReturnType<typeof startTestApi>>;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    env = await createTestEnv();
    a = await startTestApi();
    b = await startTestApi();
    token = (await signUpUser(a.url)).accessToken;
  });

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await a?.close();
    await b?.close();
    await env?.teardown();
  });

  it('delivers an event emitted on one API instance to a client connected to another', async () => {
    const client = await connect(a.url);
    sockets.push(client);
    await expect(client.emitWithAck('join', 'system')).resolves.toEqual({ ok: true, room: 'system' });
    const received = new Promise((resolve) => client.once('system.notice', resolve));
    b.app.get(RealtimeGateway).server.to('system').emit('system.notice', { from: 'b' });
    await expect(received).resolves.toEqual({ from: 'b' });
  });

  it('refuses to join a room that is not public', async () => {
    const client = await connect(b.url);
    sockets.push(client);
    await expect(client.emitWithAck('join', 'user:someone-else')).resolves.toEqual({ ok: false, error: 'UNKNOWN_ROOM' });
  });
});
