export interface FieldError {
  field: string;
  messages: string[];
}

/** The API's error body: `{ statusCode, code, message, details?, requestId? }`. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly details?: unknown;
  readonly requestId?: string;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.statusCode = body.statusCode;
    this.code = body.code;
    this.details = body.details;
    this.requestId = body.requestId;
  }

  /** Validation errors (`details.fields`), empty when the API sent none. */
  get fieldErrors(): FieldError[] {
    const fields = isRecord(this.details) ? this.details.fields : undefined;
    if (!Array.isArray(fields)) return [];
    return fields.filter(
      (f): f is FieldError =>
        isRecord(f) && typeof f.field === 'string' && Array.isArray(f.messages) && f.messages.every((m) => typeof m === 'string'),
    );
  }

  /** Messages for one field, e.g. `error.messagesFor('symbol')` → pass to `<Field errors>`. */
  messagesFor(field: string): string[] {
    return this.fieldErrors.filter((f) => f.field === field).flatMap((f) => f.messages);
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return (
    isRecord(value) &&
    typeof value.statusCode === 'number' &&
    typeof value.code === 'string' &&
    typeof value.message === 'string'
  );
}

/** Builds an ApiError from whatever a failed response carried (JSON error body, text, or nothing). */
export function toApiError(body: unknown, response: Response): ApiError {
  if (isErrorBody(body)) {
    const requestId = typeof body.requestId === 'string' ? body.requestId : undefined;
    return new ApiError({ ...body, requestId });
  }
  const text = typeof body === 'string' && body.trim() !== '' ? body.trim().slice(0, 300) : response.statusText;
  return new ApiError({
    statusCode: response.status,
    code: `HTTP_${response.status}`,
    message: text || `HTTP ${response.status}`,
  });
}
