import { ParseUUIDPipe } from '@nestjs/common';
import type { AppException } from '@app/common';

/** A path id that is not a UUID names nothing: answer the resource's 404, not a 400. */
export const uuidParam = (notFound: () => AppException) => new ParseUUIDPipe({ exceptionFactory: notFound });
