import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { AppException, type ErrorBody } from './app.exception';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  402: 'PAYMENT_REQUIRED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/** Errors thrown below Nest (body-parser, multer) carry a status and a type but are not HttpExceptions. */
interface LowLevelHttpError {
  status?: number;
  statusCode?: number;
  type?: string;
  code?: string;
  message?: string;
}

export function toErrorBody(exception: unknown): { body: ErrorBody; unexpected: boolean } {
  if (exception instanceof AppException) {
    const status = exception.getStatus();
    return { body: { statusCode: status, code: exception.code, message: exception.message, details: exception.details }, unexpected: false };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const r = (typeof response === 'object' && response !== null ? response : { message: response }) as Record<string, unknown>;
    const message = Array.isArray(r.message) ? r.message.join('; ') : String(r.message ?? exception.message);
    const code = typeof r.code === 'string' ? r.code : (CODE_BY_STATUS[status] ?? `HTTP_${status}`);
    return { body: { statusCode: status, code, message, details: r.details }, unexpected: false };
  }
  const low = exception as LowLevelHttpError | undefined;
  const status = low?.status ?? low?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = low?.type === 'entity.parse.failed' ? 'MALFORMED_JSON' : (CODE_BY_STATUS[status] ?? `HTTP_${status}`);
    const message = low?.type === 'entity.parse.failed' ? 'The request body is not valid JSON' : (low?.message ?? 'Bad request');
    return { body: { statusCode: status, code, message }, unexpected: false };
  }
  return {
    body: { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' },
    unexpected: true,
  };
}

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    const { body, unexpected } = toErrorBody(exception);
    body.requestId = req.id === undefined ? undefined : String(req.id);
    if (unexpected) {
      body.errorId = randomUUID();
      this.logger.error({ err: exception, errorId: body.errorId, requestId: body.requestId }, 'Unhandled error');
    }
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }
}
