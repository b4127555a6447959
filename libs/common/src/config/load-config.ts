import { configSchema, type AppConfig } from './config.schema';

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration (${problems.length} problem(s)):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

/** Validates every variable at once, so one start-up failure lists all the bad ones. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => {
    const key = i.path.join('.') || '(root)';
    const value = typeof i.path[0] === 'string' ? env[i.path[0]] : undefined;
    return `${key}: ${i.message}${value !== undefined ? ` (got "${value}")` : ''}`;
  });
  throw new ConfigValidationError(problems);
}
