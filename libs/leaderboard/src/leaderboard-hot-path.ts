import { Injectable } from '@nestjs/common';
import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import { PinoLogger } from 'nestjs-pino';
import { createValidationPipe, requestIdOf } from '@app/common';
import { ifNoneMatchSatisfied } from './etag';
import { LeaderboardQueryDto } from './leaderboard.dto';
import { LeaderboardService, type RenderedPage } from './leaderboard.service';

export const LEADERBOARD_PATH = '/api/strategies/leaderboard';

/** Headers that belong to one response, not to the route: never replayed. */
const PER_RESPONSE = new Set([
  'x-request-id',
  'etag',
  'content-length',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);
const MAX_KNOWN_QUERIES = 1000;

interface KnownQuery {
  query: LeaderboardQueryDto;
  key: string;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The leaderboard is the platform's hottest read and the same for everybody, so repeated requests are
 * answered here, in front of Express and Nest, from this process's memo of hot pages (LocalPages:
 * a page at most 1 s old, under a version confirmed with Redis within 250 ms; for up to twice that the
 * page is still served while one background read revalidates it, so that the requests arriving when
 * the window closes do not all queue behind Redis: a refresh made by another process shows here
 * within 0.5 s). Through the full stack
 * a cached page costs ~0.5 ms of CPU in routing, middleware, validation and the rate limiter's Redis
 * round trip; here it costs a map lookup and a write.
 *
 * What it answers is what the full stack would: a query string is served here only after it was
 * validated once by the same ValidationPipe and DTO as the controller's (invalid ones always go through
 * and get their 400), and the headers are those of a full-stack leaderboard response (helmet's, CORS's,
 * Content-Type, Cache-Control), replayed with this response's ETag and request id. Requests with an
 * Origin header (CORS answers depend on it), other methods and anything not yet in the memo go through.
 * Served requests are logged like pino-http does. They skip the per-user rate limiter: like a CDN hit,
 * one costs less than the limiter's own Redis round trip.
 */
@Injectable()
export class LeaderboardHotPath {
  /** Requests answered here (for tests and metrics). */
  hits = 0;
  private readonly validation = createValidationPipe();
  /** Raw query string → its validated query and that query's key in the memo, or null when it is invalid. */
  private readonly known = new Map<string, KnownQuery | null>();
  /** Query strings seen once: learned (validated) only when they come again, so one-off queries cost nothing here. */
  private readonly seenOnce = new Set<string>();
  /** Keys being revalidated in the background (one Redis read each at a time). */
  private readonly revalidating = new Set<string>();
  private headers: OutgoingHttpHeaders | null = null;
  /** Per page: the replayed headers as flat [name, value, …] lists for a 200 and a 304, built once. */
  private readonly blocks = new WeakMap<RenderedPage, { ok: string[]; notModified: string[] }>();

  constructor(private readonly leaderboard: LeaderboardService) {}

  /** Puts the hot path in front of the server's request listeners (Express's). */
  install(server: Server): void {
    const downstream = server.listeners('request') as Listener[];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const raw = servableQuery(req);
      if (raw !== undefined) {
        if (this.tryServe(raw, req, res)) return;
        this.learn(raw, res);
      }
      for (const listener of downstream) listener.call(server, req, res);
    });
  }

  private tryServe(raw: string, req: IncomingMessage, res: ServerResponse): boolean {
    const headers = this.headers;
    if (headers === null) return false;
    const known = this.known.get(raw);
    if (known == null) return false;
    const hot = this.leaderboard.hotPage(known.key);
    if (hot === undefined) return false;
    if (hot.stale) this.revalidate(known);
    const page = hot.page;
    const started = performance.now();
    this.hits++;
    const id = requestIdOf(req);
    const notModified = ifNoneMatchSatisfied(req.headers['if-none-match'], page.etag);
    const block = this.headerBlock(page, headers);
    // A flat list and no setHeader() before: Node writes it as is instead of merging header objects.
    const list = (notModified ? block.notModified : block.ok).slice();
    list.push('x-request-id', id);
    res.writeHead(notModified ? 304 : 200, list);
    res.end(notModified ? undefined : page.bytes);
    logServed(req, id, res.statusCode, performance.now() - started);
    return true;
  }

  private headerBlock(
    page: RenderedPage,
    headers: OutgoingHttpHeaders,
  ): { ok: string[]; notModified: string[] } {
    let block = this.blocks.get(page);
    if (!block) {
      const common: string[] = [];
      for (const [name, value] of Object.entries(headers)) {
        for (const v of Array.isArray(value) ? value : [value]) common.push(name, String(v));
      }
      common.push('etag', page.etag);
      block = { ok: [...common, 'content-length', String(page.bytes.length)], notModified: common };
      this.blocks.set(page, block);
    }
    return block;
  }

  /** On the way through: remembers valid query strings and the route's headers for later requests. */
  private learn(raw: string, res: ServerResponse): void {
    if (!this.known.has(raw)) {
      if (this.seenOnce.delete(raw)) void this.validate(raw);
      else {
        if (this.seenOnce.size >= MAX_KNOWN_QUERIES) this.seenOnce.clear();
        this.seenOnce.add(raw);
      }
    }
    if (this.headers === null) {
      res.once('finish', () => {
        if (res.statusCode === 200 && this.headers === null) this.headers = replayable(res.getHeaders());
      });
    }
  }

  private async validate(raw: string): Promise<void> {
    let known: KnownQuery | null;
    try {
      const query = (await this.validation.transform(
        { ...parseQueryString(raw) },
        { type: 'query', metatype: LeaderboardQueryDto },
      )) as LeaderboardQueryDto;
      known = { query, key: this.leaderboard.localKey(query) };
    } catch {
      known = null;
    }
    if (this.known.size >= MAX_KNOWN_QUERIES) this.known.clear();
    this.known.set(raw, known);
  }

  /** Re-reads the version and the page (Redis, or Postgres after a refresh) into the memo. */
  private revalidate({ query, key }: KnownQuery): void {
    if (this.revalidating.has(key)) return;
    this.revalidating.add(key);
    this.leaderboard
      .getPage(query)
      .catch((err: unknown) => PinoLogger.root?.warn({ err }, 'leaderboard revalidation failed'))
      .finally(() => this.revalidating.delete(key));
  }
}

/**
 * The query string of a request the hot path may answer: a GET of the leaderboard without an Origin
 * header. Undefined for anything else, another path included (e.g. /api/strategies/leaderboardX).
 */
function servableQuery(req: IncomingMessage): string | undefined {
  const url = req.url ?? '';
  if (req.method !== 'GET' || req.headers.origin !== undefined || !url.startsWith(LEADERBOARD_PATH))
    return undefined;
  const rest = url.slice(LEADERBOARD_PATH.length);
  if (rest === '') return '';
  return rest[0] === '?' ? rest.slice(1) : undefined;
}

function replayable(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers))
    if (!PER_RESPONSE.has(name) && value !== undefined) out[name] = value;
  return out;
}

function logServed(req: IncomingMessage, id: string, statusCode: number, ms: number): void {
  const logger = PinoLogger.root;
  if (logger === undefined || !logger.isLevelEnabled('info')) return;
  logger.info(
    {
      req: { id, method: req.method, url: req.url },
      res: { statusCode },
      responseTime: Math.round(ms * 1000) / 1000,
      requestId: id,
      hotPath: true,
    },
    'request completed',
  );
}
