import { handshakeCredentials, userRoom } from './socket-auth';

const socket = (auth: Record<string, unknown>, headers: Record<string, string> = {}) =>
  ({ handshake: { auth, headers } }) as unknown as Parameters<typeof handshakeCredentials>[0];

describe('handshakeCredentials', () => {
  it('takes a browser token from auth.token, with or without the Bearer prefix', () => {
    expect(handshakeCredentials(socket({ token: 'abc' }))).toEqual({ bearer: 'abc', apiKey: undefined });
    expect(handshakeCredentials(socket({ token: 'Bearer abc' }))).toEqual({
      bearer: 'abc',
      apiKey: undefined,
    });
  });

  it('takes an API key from auth.apiKey', () => {
    expect(handshakeCredentials(socket({ apiKey: 'sb_live_x' }))).toEqual({
      bearer: undefined,
      apiKey: 'sb_live_x',
    });
  });

  it('falls back to the Authorization and X-API-Key headers of a server client', () => {
    expect(handshakeCredentials(socket({}, { authorization: 'Bearer tok' }))).toEqual({
      bearer: 'tok',
      apiKey: undefined,
    });
    expect(handshakeCredentials(socket({}, { 'x-api-key': 'sb_live_y' }))).toEqual({
      bearer: undefined,
      apiKey: 'sb_live_y',
    });
  });

  it('finds nothing in an anonymous handshake or a non-Bearer Authorization', () => {
    expect(handshakeCredentials(socket({}))).toEqual({ bearer: undefined, apiKey: undefined });
    expect(handshakeCredentials(socket({ token: 42 }, { authorization: 'Basic xyz' }))).toEqual({
      bearer: undefined,
      apiKey: undefined,
    });
  });

  it('names the user room', () => {
    expect(userRoom('u1')).toBe('user:u1');
  });
});
