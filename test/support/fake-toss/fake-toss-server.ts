import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  InMemoryTossStore,
  TossSimulator,
  systemClock,
  type Clock,
  type Payment,
  type SimResult,
  type TossSimulatorOptions,
} from '../../../libs/payments/src/gateway';

export type FakeTossOp = 'confirm' | 'cancel' | 'get';

/**
 * - `timeout-after-apply`: the request is applied, the answer never comes (the client times out).
 * - `timeout-before-apply`: the request is dropped unapplied, the answer never comes.
 * - `reset-after-apply`: applied, then the connection is destroyed.
 * - `http500` / `provider-error` / `already-canceled` / `idempotent-processing`: that error answer,
 *   nothing applied.
 */
export type FakeTossFaultKind =
  | 'timeout-after-apply'
  | 'timeout-before-apply'
  | 'reset-after-apply'
  | 'http500'
  | 'provider-error'
  | 'already-canceled'
  | 'idempotent-processing';

export interface FakeTossFault {
  op: FakeTossOp;
  kind: FakeTossFaultKind;
  /** How many matching requests it affects. Default 1. */
  times?: number;
  /** Only requests for this payment. */
  paymentKey?: string;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  op?: FakeTossOp;
  paymentKey?: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface FakeTossServerOptions {
  secretKey?: string;
  clock?: Clock;
  simulator?: Omit<TossSimulatorOptions, 'clock'>;
}

const CANNED_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  http500: {
    status: 500,
    code: 'FAILED_INTERNAL_SYSTEM_PROCESSING',
    message: 'Internal system processing failed.',
  },
  'provider-error': {
    status: 400,
    code: 'PROVIDER_ERROR',
    message: 'This is temporary error. Please try again in a few minutes.',
  },
  'already-canceled': {
    status: 400,
    code: 'ALREADY_CANCELED_PAYMENT',
    message: 'The payment has already been canceled.',
  },
  'idempotent-processing': {
    status: 409,
    code: 'IDEMPOTENT_REQUEST_PROCESSING',
    message: 'The first request with this Idempotency-Key is still being processed.',
  },
};

interface Route {
  op: FakeTossOp;
  paymentKey?: string;
}

/** Local HTTP server speaking the Toss payments API, on the shared simulator. */
export class FakeTossServer {
  readonly secretKey: string;
  readonly store: InMemoryTossStore;
  readonly simulator: TossSimulator;
  private readonly received: ReceivedRequest[] = [];
  private readonly faults: Array<FakeTossFault & { remaining: number }> = [];
  private readonly applied = new Map<string, number>();
  private readonly held = new Set<ServerResponse>();
  private server!: Server;
  private url = '';

  private constructor(options: FakeTossServerOptions) {
    const clock = options.clock ?? systemClock;
    this.secretKey = options.secretKey ?? 'test_sk_fake_toss_secret';
    this.store = new InMemoryTossStore(clock);
    this.simulator = new TossSimulator(this.store, { ...options.simulator, clock });
  }

  static async start(options: FakeTossServerOptions = {}): Promise<FakeTossServer> {
    const fake = new FakeTossServer(options);
    fake.server = createServer((req, res) => {
      fake.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent)
          send(res, 500, { code: 'FAILED_INTERNAL_SYSTEM_PROCESSING', message: String(err) });
      });
    });
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    const { port } = fake.server.address() as AddressInfo;
    fake.url = `http://127.0.0.1:${port}`;
    return fake;
  }

  get baseUrl(): string {
    return this.url;
  }

  /** The customer's authorisation in the checkout window. */
  async authorize(
    orderId: string,
    amount: number,
    options: { method?: string; isPartialCancelable?: boolean } = {},
  ): Promise<Payment> {
    const result = await this.simulator.authorize({ ...options, orderId, amount });
    if (result.status !== 200) throw new Error(`authorize failed: ${JSON.stringify(result.body)}`);
    return result.body as Payment;
  }

  injectFault(fault: FakeTossFault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** How many requests of `op` changed the payment (replays and refusals excluded). */
  appliedCount(op: FakeTossOp, paymentKey: string): number {
    return this.applied.get(`${op}:${paymentKey}`) ?? 0;
  }

  appliedCancels(paymentKey: string): number {
    return this.appliedCount('cancel', paymentKey);
  }

  appliedConfirms(paymentKey: string): number {
    return this.appliedCount('confirm', paymentKey);
  }

  get requests(): readonly ReceivedRequest[] {
    return this.received;
  }

  requestsFor(op: FakeTossOp, paymentKey?: string): ReceivedRequest[] {
    return this.received.filter(
      (r) => r.op === op && (paymentKey === undefined || r.paymentKey === paymentKey),
    );
  }

  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.held.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const body = parseJson(raw);
    const route = routeOf(req.method ?? 'GET', path, body);
    this.received.push({
      method: req.method ?? '',
      path,
      op: route?.op,
      paymentKey: route?.paymentKey,
      headers: req.headers,
      body,
    });

    if (!route)
      return send(res, 404, { code: 'NOT_FOUND', message: 'The requested resource does not exist.' });
    if (req.headers.authorization !== `Basic ${Buffer.from(`${this.secretKey}:`).toString('base64')}`) {
      return send(res, 401, { code: 'UNAUTHORIZED_KEY', message: 'Unauthorized secret key or client key.' });
    }
    if (req.method === 'POST' && body === undefined) {
      return send(res, 400, { code: 'INVALID_REQUEST', message: 'The bad request. (body is not JSON)' });
    }

    const fault = this.takeFault(route);
    if (fault === 'timeout-before-apply') return this.hold(res);
    const canned = fault ? CANNED_ERRORS[fault] : undefined;
    if (canned) return send(res, canned.status, { code: canned.code, message: canned.message });

    const result = await this.apply(route, body, header(req.headers['idempotency-key']));
    if (result.applied && route.paymentKey) {
      const key = `${route.op}:${route.paymentKey}`;
      this.applied.set(key, (this.applied.get(key) ?? 0) + 1);
    }
    if (fault === 'timeout-after-apply') return this.hold(res);
    if (fault === 'reset-after-apply') {
      req.socket.destroy();
      return;
    }
    send(res, result.status, toWire(result.body));
  }

  private apply(route: Route, body: unknown, idempotencyKey: string | undefined): Promise<SimResult> {
    switch (route.op) {
      case 'confirm':
        return this.simulator.confirm(body, idempotencyKey);
      case 'cancel':
        return this.simulator.cancel(route.paymentKey as string, body, idempotencyKey);
      case 'get':
        return this.simulator.getPayment(route.paymentKey as string);
    }
  }

  private takeFault(route: Route): FakeTossFaultKind | undefined {
    const fault = this.faults.find(
      (f) =>
        f.remaining > 0 &&
        f.op === route.op &&
        (f.paymentKey === undefined || f.paymentKey === route.paymentKey),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    return fault.kind;
  }

  /** Never answers; the client's timeout fires, close() destroys the socket. */
  private hold(res: ServerResponse): void {
    this.held.add(res);
    res.on('close', () => this.held.delete(res));
  }
}

function routeOf(method: string, path: string, body: unknown): Route | undefined {
  if (method === 'POST' && path === '/v1/payments/confirm') {
    const paymentKey = (body as { paymentKey?: unknown } | undefined)?.paymentKey;
    return { op: 'confirm', paymentKey: typeof paymentKey === 'string' ? paymentKey : undefined };
  }
  const cancel = /^\/v1\/payments\/([^/]+)\/cancel$/.exec(path);
  if (method === 'POST' && cancel) return { op: 'cancel', paymentKey: decodeURIComponent(cancel[1]) };
  const get = /^\/v1\/payments\/([^/]+)$/.exec(path);
  if (method === 'GET' && get) return { op: 'get', paymentKey: decodeURIComponent(get[1]) };
  return undefined;
}

/** Toss sends `cancels: null` until the first cancel. */
function toWire(body: SimResult['body']): unknown {
  if ('paymentKey' in body && body.cancels.length === 0) return { ...body, cancels: null };
  return body;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(raw: string): unknown {
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
