import type { Browser } from 'playwright-core';
import type { Stack } from '../stack';

export interface JourneyContext {
  stack: Stack;
  browser: Browser;
  /** State shared between journeys (e.g. the trader created by the sign-up journey). */
  shared: Record<string, unknown>;
}

export interface Journey {
  name: string;
  run(ctx: JourneyContext): Promise<void>;
}
