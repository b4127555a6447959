import { ParseUUIDPipe } from '@nestjs/common';
import { strategyNotFound } from '@app/backtest';

/** A path id that is not a UUID names no strategy: 404, like the strategies API. */
export const strategyIdParam = new ParseUUIDPipe({ exceptionFactory: strategyNotFound });
