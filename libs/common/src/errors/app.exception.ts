import { HttpException } from '@nestjs/common';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
  errorId?: string;
}

/** A deliberate, client-facing error: status, a stable machine code and a readable message. */
export class AppException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super({ statusCode: status, code, message, details }, status);
  }
}

export const notFound = (what: string) => new AppException(404, 'NOT_FOUND', `${what} not found`);
