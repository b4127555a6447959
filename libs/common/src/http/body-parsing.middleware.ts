import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json, urlencoded } from 'express';
import { toErrorBody } from '../errors/http-exception.filter';
import { requestIdFor } from '../logging/logger.module';

/** Gives each request its id before anything else runs, so even a body-parser failure carries one. */
export function requestIdMiddleware(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    req.id = requestIdFor(req, res);
    next();
  };
}

/**
 * JSON and form body parsing whose failures (malformed JSON, a body over the limit) answer
 * in the platform's error shape here, instead of travelling through Express's error chain.
 */
export function bodyParsingMiddleware(limit: string): RequestHandler {
  const parsers = [json({ limit }), urlencoded({ limit, extended: false })];
  return (req: Request, res: Response, next: NextFunction) => {
    const run = (i: number): void => {
      if (i === parsers.length) return next();
      parsers[i](req, res, (err?: unknown) => {
        if (!err) return run(i + 1);
        const { body } = toErrorBody(err);
        res.status(body.statusCode).json({ ...body, requestId: String(req.id) });
      });
    };
    run(0);
  };
}
