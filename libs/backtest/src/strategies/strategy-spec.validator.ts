import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { EngineError, parseStrategySpec, type StrategySpec } from '@app/engine';

/** The engine's verdict on a spec: the normalised spec, or one readable line saying what is wrong. */
export function checkStrategySpec(
  value: unknown,
): { ok: true; spec: StrategySpec } | { ok: false; message: string } {
  try {
    return { ok: true, spec: parseStrategySpec(value) };
  } catch (error) {
    if (error instanceof EngineError) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * Runs the engine's zod schema inside class-validator, so a bad spec becomes a 400 VALIDATION_FAILED
 * with `details.fields: [{ field: 'spec', messages: ['invalid parameter for sma-cross: fast must be …'] }]`.
 */
export function IsStrategySpec(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isStrategySpec',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => checkStrategySpec(value).ok,
        defaultMessage: (args?: ValidationArguments) => {
          const verdict = checkStrategySpec(args?.value);
          return verdict.ok ? 'invalid strategy' : verdict.message;
        },
      },
    });
  };
}
